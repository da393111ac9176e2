/**
 * Request budgets on the endpoints anyone can reach (GB/T 22239-2019 8.1.4 intrusion prevention;
 * OWASP ASVS V2.2 anti-automation). Per source address through @fastify/rate-limit; and, since an
 * attacker has many addresses (issue 16), per account name on login (before any password is
 * verified, so a burst on one account from many addresses costs no argon2id work past its budget)
 * and overall on the public list search. Settings, each with its reason; KEXIN_RATE_LIMITS=false
 * switches them off (benchmarks). Counters are per process: behind several processes nginx's
 * limit_req holds the overall budget (SECURITY.md).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../core/errors';

export const RATE_LIMITS = {
  /** Guessing one account's password is stopped by its lockout; this slows guessing across many accounts. */
  login: { max: 20, timeWindow: '1 minute' },
  /** A person files a complaint now and then; a flood of them would bury the intake section's queue. */
  complaintSubmit: { max: 5, timeWindow: '10 minutes' },
  /** A challenge costs the server one MAC and writes nothing; a form opened again now and then needs a few. */
  complaintChallenge: { max: 30, timeWindow: '1 minute' },
  /** Receipt codes must not be found by trying codes one after another. */
  complaintStatus: { max: 30, timeWindow: '1 minute' },
  /** Generous for a reader paging through the list, low enough to stop it being scraped wholesale. */
  publicSearch: { max: 120, timeWindow: '1 minute' },
  /** A credit report is checked by the few who hold it; verification codes must not be found by trying one after another (issue 20). */
  creditReportVerify: { max: 30, timeWindow: '1 minute' },
  /** A client needs a token every few minutes; more from one address is someone guessing secrets. */
  oauthToken: { max: 30, timeWindow: '1 minute' },
} as const;

/** Budgets over all addresses together. */
export const SHARED_BUDGETS = {
  /** One account name, from anywhere: twice the lockout's five failures, so its owner can still retry. */
  loginPerAccount: { max: 10, windowMs: 60_000 },
  /** The public search, from everyone: about 20 a second, far above real reading and below wholesale scraping. */
  publicSearchOverall: { max: 1_200, windowMs: 60_000 },
} as const;

/** A fixed-window counter per key; forgets windows that have passed. */
export class Budget {
  private readonly windows = new Map<string, { start: number; n: number }>();
  constructor(readonly max: number, readonly windowMs: number, private readonly enabled: boolean, private readonly now = () => Date.now()) {}

  /** Takes one from the key's budget: null when granted, else the seconds until the window turns. */
  take(key: string): number | null {
    if (!this.enabled) return null;
    const t = this.now();
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) { w = { start: t, n: 0 }; this.windows.set(key, w); }
    w.n++;
    return w.n <= this.max ? null : Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
  }
}

export interface SharedBudgets { loginPerAccount: Budget; publicSearchOverall: Budget }

declare module 'fastify' {
  interface FastifyInstance { budgets: SharedBudgets }
}

/** Spends from a shared budget, or answers 429 RATE_LIMITED with Retry-After. */
export function spend(reply: FastifyReply, budget: Budget, key: string): void {
  const wait = budget.take(key);
  if (wait !== null) {
    reply.header('retry-after', String(wait));
    throw new AppError('RATE_LIMITED');
  }
}

export async function registerRateLimits(server: FastifyInstance, enabled: boolean): Promise<void> {
  server.decorate('budgets', {
    loginPerAccount: new Budget(SHARED_BUDGETS.loginPerAccount.max, SHARED_BUDGETS.loginPerAccount.windowMs, enabled),
    publicSearchOverall: new Budget(SHARED_BUDGETS.publicSearchOverall.max, SHARED_BUDGETS.publicSearchOverall.windowMs, enabled),
  });
  // Only routes that name a budget in their config are counted.
  if (enabled) await server.register(rateLimit, { global: false });
}
