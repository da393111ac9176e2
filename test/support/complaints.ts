/** Files a public complaint as the form does: asks for the proof-of-work challenge and answers it (CI-29). */
import { solveWork } from '../../src/core/challenge/proof-of-work';
import type { TestApp } from './test-app';

export async function complaintProof(t: Pick<TestApp, 'server'>, headers: Record<string, string> = {}): Promise<{ challenge: string; nonce: string }> {
  const c = (await t.server.inject({ method: 'GET', url: '/api/public/complaints/challenge', headers })).json() as { challenge: string; bits: number };
  return { challenge: c.challenge, nonce: solveWork(c.challenge, c.bits)! };
}

/** POST /api/public/complaints with a fresh answer to the challenge. */
export async function fileComplaint(t: Pick<TestApp, 'server'>, body: object, headers: Record<string, string> = {}) {
  return t.server.inject({ method: 'POST', url: '/api/public/complaints', headers, payload: { ...body, proof: await complaintProof(t, headers) } });
}
