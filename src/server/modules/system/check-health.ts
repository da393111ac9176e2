/** The health check's one question to the database: does it answer a query (GB/T 22239-2019 8.1.4.11 monitoring). */
import type { AppContext } from '../../context';

export async function checkHealth(app: AppContext) {
  await app.db.query('SELECT 1');
  return { status: 'ok' as const, database: app.db.kind };
}
