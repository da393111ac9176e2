/** The PostgreSQL server used by tests; each test file creates its own database on it and drops it. */
export function postgresAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const u = new URL(postgresAdminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}
