// A TypeScript worker run from the sources (development, tests; never the build, which compiles each
// worker to JavaScript): tsx is registered in this thread, then the worker named by argv is imported.
// See worker-file.ts.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
