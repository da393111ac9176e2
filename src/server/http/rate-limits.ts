/**
 * Per-address request budgets on the endpoints anyone can reach (GB/T 22239-2019 8.1.4 intrusion
 * prevention; OWASP ASVS V2.2 anti-automation), through @fastify/rate-limit. Settings, each with its
 * reason; KEXIN_RATE_LIMITS=false switches them off (benchmarks). Counters are per process: behind
 * several processes nginx's limit_req holds the overall budget (SECURITY.md).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export const RATE_LIMITS = {
  /** Guessing one account's password is stopped by its lockout; this slows guessing across many accounts. */
  login: { max: 20, timeWindow: '1 minute' },
  /** A person files a complaint now and then; a flood of them would bury the intake section's queue. */
  complaintSubmit: { max: 5, timeWindow: '10 minutes' },
  /** Receipt codes must not be found by trying codes one after another. */
  complaintStatus: { max: 30, timeWindow: '1 minute' },
  /** Generous for a reader paging through the list, low enough to stop it being scraped wholesale. */
  publicSearch: { max: 120, timeWindow: '1 minute' },
} as const;

export async function registerRateLimits(server: FastifyInstance, enabled: boolean): Promise<void> {
  // Only routes that name a budget in their config are counted.
  if (enabled) await server.register(rateLimit, { global: false });
}
