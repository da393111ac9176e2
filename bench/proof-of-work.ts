/**
 * The complaint form's proof of work (CI-29): the pure SHA-256 solver the browser runs
 * (core/challenge/proof-of-work.ts), against node:crypto doing the same tries (the baseline, in this
 * run), and against answering each try with `meetsWork` (a fresh string, encoding and digest per try,
 * the old solver's method, before 2026-12-02). Same challenges, same answers checked.
 * Run: npx tsx bench/proof-of-work.ts [--quick]
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { meetsWork, solveWork } from '../src/core/challenge/proof-of-work';

const quick = process.argv.includes('--quick');
// The default difficulty (config.complaintPowBits) is 18 bits; the quick mode asks for 16 (a quarter of the tries).
const BITS = quick ? 16 : 18;
const challenges = Array.from({ length: quick ? 8 : 10 }, (_, i) => crypto.createHash('sha256').update(`bench-${i}`).digest('base64url').repeat(2));

function nodeSolve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const d = crypto.createHash('sha256').update(`${challenge}:${n}`).digest();
    let z = 0; for (const byte of d) { if (byte === 0) { z += 8; continue; } z += Math.clz32(byte) - 24; break; }
    if (z >= bits) return String(n);
  }
}
function perTrySolve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (meetsWork(challenge, String(n), bits)) return String(n);
}

function time(solve: (c: string, b: number) => string | null) {
  const t = performance.now();
  const answers = challenges.map((c) => solve(c, BITS)!);
  return { ms: performance.now() - t, answers };
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
// Warm each up first (the JIT), on a challenge not timed.
for (const solve of [nodeSolve, solveWork, perTrySolve]) solve('warm-up', 14);
const base = time(nodeSolve);
const pure = time(solveWork);
const perTry = time(perTrySolve);
const tries = base.answers.reduce((s, a) => s + Number(a) + 1, 0);
const agree = pure.answers.every((a, i) => a === base.answers[i] && a === perTry.answers[i]);
const row = (label: string, ms: number) => console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${(ms * 1000 / tries).toFixed(2)} µs/try`);
console.log(`${challenges.length} challenges at ${BITS} bits, ${tries.toLocaleString('en')} tries in all${quick ? ' (quick)' : ''}`);
row('baseline: node:crypto createHash', base.ms);
row('solveWork (pure, one buffer)', pure.ms);
row('meetsWork per try (the old solver)', perTry.ms);
console.log(`solveWork / node:crypto: ${(pure.ms / base.ms).toFixed(2)}×; per-try / solveWork: ${(perTry.ms / pure.ms).toFixed(1)}×; answers agree: ${agree}`);
if (!agree) process.exitCode = 1;
