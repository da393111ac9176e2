/**
 * Each route's validators and response serializers compiled when the route is first used, not all at
 * start: compiling the ~150 routes' schemas with Ajv and fast-json-stringify was about 0.8 s of every
 * start (issue 17, BENCHMARKS.md "Start-up"), and most routes of a running server are never called by
 * most processes (a CLI command, a test, a server that just restarted). `compileAll` compiles whatever
 * is still waiting, so a schema that cannot compile still fails a test (test/server/api.test.ts).
 */
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type Compiled = ((...args: never[]) => unknown) & { errors?: unknown };

export class LazySchemas {
  private readonly waiting = new Set<() => void>();

  /** The compiled function, made on its first call; Ajv's `errors` of the last call are passed on, as Fastify reads them. */
  wrap<F extends Compiled>(compile: () => F): F {
    let fn: F | undefined;
    const force = () => { if (!fn) { fn = compile(); this.waiting.delete(force); } return fn; };
    this.waiting.add(force);
    const call = ((...args: never[]) => {
      const f = force();
      const out = f(...args);
      call.errors = f.errors;
      return out;
    }) as F;
    return call;
  }

  /** The serializer factory Fastify's default would build, each serializer made on its first call. */
  serializerFactory() {
    const eager = SerializerSelector();
    return (externalSchemas: unknown, options: unknown) => {
      const build = eager(externalSchemas as never, options as never);
      return (route: Parameters<typeof build>[0]) => this.wrap(() => build(route) as Compiled);
    };
  }

  /** Compiles every schema not yet compiled; returns how many there were. */
  compileAll(): number {
    const n = this.waiting.size;
    for (const force of [...this.waiting]) force();
    return n;
  }
}
