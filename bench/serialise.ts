/**
 * Serialising a typical list answer (issue 18, typed end to end): JSON.stringify against the serializer
 * Fastify compiles from the route's response schema (fast-json-stringify, as @fastify/fast-json-stringify-compiler
 * does), in the same run, on the answers the web asks for most:
 *   - the work queue, a page of 20 cases (`GET /api/cases`, core/api/cases.ts: declared, open);
 *   - the subjects list, a page of 20 (`GET /api/subjects`, core/api/subjects.ts: closed).
 * The values are made from the schema itself (deterministic: Chinese names, UUIDs, dates, null in every
 * other nullable field), so they are what the serializer will meet; both outputs are checked to parse to
 * the same value before timing.
 * Run: npx tsx bench/serialise.ts [--quick]
 */
import os from 'node:os';
import fastJson from 'fast-json-stringify';
import { GetCasesOut } from '../src/core/api/cases';
import { SubjectListOut } from '../src/core/api/subjects';

const quick = process.argv.includes('--quick');
const N = quick ? 5_000 : 50_000;

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; enum?: string[]; additionalProperties?: unknown; [k: string]: unknown };
let counter = 0;
const NAMES = ['楚雄州科学技术局', '云南省楚雄彝族自治州农业科学院', '禄丰市恐龙遗址保护研究中心', '张晓燕', '李建国'];
/** A value for the schema: every declared property present, nullable ones null every other time. */
function sample(s: Schema, key = ''): unknown {
  counter++;
  if (s.anyOf) { const nonNull = s.anyOf.find((x) => x.type !== 'null')!; return counter % 2 === 0 && s.anyOf.some((x) => x.type === 'null') ? null : sample(nonNull, key); }
  if (s.enum) return s.enum[counter % s.enum.length];
  switch (s.type) {
    case 'object': return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, k)]));
    case 'array': return Array.from({ length: key === 'items' ? 20 : 2 }, () => sample(s.items ?? {}, key));
    case 'number': case 'integer': return (counter * 7919) % 100_000;
    case 'boolean': return counter % 3 === 0;
    case 'string': {
      if (/id$|Id$/.test(key)) return `0000${(counter % 10_000).toString().padStart(4, '0')}-4a1b-8c2d-9e3f-${counter.toString(16).padStart(12, '0')}`;
      if (/date|Date|Due|due|today|on$/i.test(key)) return `2026-${String(1 + (counter % 12)).padStart(2, '0')}-${String(1 + (counter % 28)).padStart(2, '0')}`;
      if (/At$/.test(key)) return new Date(Date.UTC(2026, counter % 12, 1 + (counter % 28), 2, 0, 0)).toISOString();
      return NAMES[counter % NAMES.length];
    }
    default: return { note: NAMES[counter % NAMES.length] };
  }
}

function measure(label: string, schema: Schema) {
  const value = sample(schema);
  const compiled = fastJson(schema as never);
  const a = JSON.stringify(value);
  const b = compiled(value);
  if (JSON.stringify(JSON.parse(b)) !== JSON.stringify(JSON.parse(a))) throw new Error(`${label}: the compiled serializer's answer differs from JSON.stringify's`);
  const time = (f: () => string) => {
    for (let i = 0; i < 1_000; i++) f();
    const t0 = process.hrtime.bigint();
    let len = 0;
    for (let i = 0; i < N; i++) len += f().length;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (len === 0) throw new Error('nothing serialised');
    return ms;
  };
  const js = time(() => JSON.stringify(value));
  const fj = time(() => compiled(value));
  console.log(`${label}: ${a.length.toLocaleString('en')} bytes; JSON.stringify ${(js * 1000 / N).toFixed(1)} µs, compiled ${(fj * 1000 / N).toFixed(1)} µs per answer (${N.toLocaleString('en')} answers): ${(js / fj).toFixed(2)}× `);
}

console.log(`serialise (${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, Node ${process.version})`);
measure('work queue, 20 cases (GET /api/cases)', GetCasesOut as unknown as Schema);
measure('subjects list, 20 subjects (GET /api/subjects)', SubjectListOut as unknown as Schema);
