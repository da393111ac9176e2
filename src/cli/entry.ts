/** Runs the CLI from its TypeScript sources (`npm run dev` through tsx watch); production runs dist/server/main.js through bin/kexin.mjs. */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
