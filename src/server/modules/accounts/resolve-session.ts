/** Turns a session cookie into an actor, ending sessions idle longer than the configured limit. */
import type { AppContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import { actorOf } from './login';
import { findSession, type SessionUser } from './users-repo';

export async function resolveSession(app: AppContext, token: string): Promise<SessionUser | null> {
  const tokenHash = sm3Hex(token);
  const row = await findSession(app.db, tokenHash);
  if (!row || row.disabled) return null;
  const now = app.clock.now().getTime();
  const idleMs = now - new Date(row.last_seen_at).getTime();
  if (idleMs > app.config.sessionIdleMinutes * 60_000) {
    await app.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    return null;
  }
  // Touch at most once a minute: enough for the idle limit, without a write on every request.
  if (idleMs > 60_000) await app.db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, new Date(now).toISOString()]);
  return row;
}

export { actorOf };
