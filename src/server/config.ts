/**
 * One validated configuration object, read once from the environment. The process refuses to
 * start on a bad setting rather than running half-configured.
 */
import path from 'node:path';
import { checkEmailAddress, EMAIL_PROBLEM_ZH } from '../core/notices/email-address';
import type { TrainingClockSetting } from '../core/time/clock';
import { isIsoDate } from '../core/time/iso-date';
import { PGLITE_SHARED_BUFFERS_MB } from './db/database';

export interface Config {
  port: number;
  host: string;
  /** postgres://… selects a PostgreSQL server; absent selects the embedded PGlite. */
  databaseUrl: string | null;
  dataDir: string;
  /** SM4 data key (32 hex characters); when absent a key file outside the database is used. */
  dataKeyHex: string | null;
  keyFile: string;
  loadDemo: boolean;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  logLevel: string;
  /** Seconds between reminder sweeps in this process; 0 turns the sweeper off. */
  sweepSeconds: number;
  /** The embedded PGlite's shared buffers, MB (KEXIN_PGLITE_SHARED_BUFFERS_MB). */
  pgliteSharedBuffersMb: number;
  /** Largest uploaded material, in bytes. */
  uploadMaxBytes: number;
  /** Largest evidence file a complainant may attach (CI-29), in bytes; KEXIN_COMPLAINT_FILE_MAX_MB. At most COMPLAINT_MAX_FILES of them. */
  complaintFileMaxBytes: number;
  /** Leading zero bits the complaint form's proof of work must reach (modules/complaints/complaint-challenge.ts); KEXIN_COMPLAINT_POW_BITS. */
  complaintPowBits: number;
  /** A CJK font (TTF/OTF/TTC) embedded in generated PDF documents; found among Debian's fonts-noto-cjk by default. */
  cjkFont: string | null;
  /** Where signed checkpoints of the audit chain are written: outside the database, ideally on other storage. */
  auditCheckpointDir: string;
  /** Minutes between audit checkpoints written by the sweeper; 0 turns them off. */
  auditCheckpointMinutes: number;
  /** A checkpoint also once this many events have been written since the last (checked at each sweep); 0 turns it off. */
  auditCheckpointEvents: number;
  /** Staff and administrators must present a TOTP code (roles.ts needsSecondFactor). Off by default only for the embedded demo. */
  totpRequired: boolean;
  /** Days a staff or administrator password lasts before it must be changed (GB/T 22239 8.1.4.1 a); 0 never. */
  passwordMaxAgeDays: number;
  /** Lifetime of an API client's bearer token (RFC 6749 4.4): short, so a leaked token is soon useless; KEXIN_API_TOKEN_SECONDS. */
  apiTokenSeconds: number;
  /** Per-address request budgets on login, complaint intake and public search (src/server/http/rate-limits.ts). */
  rateLimits: boolean;
  /**
   * Which proxies may tell us the client's address (X-Forwarded-For): none by default, so a client
   * cannot claim another address to escape its rate limit; in production the nginx address(es) or a hop count.
   */
  trustProxy: false | number | string;
  /**
   * KEXIN_TODAY: a training clock (a date YYYY-MM-DD, or a day offset such as +30 or -7) so trainers can
   * walk a case through its days. Only on the embedded demo: refused with a PostgreSQL server or
   * without demo mode, since a moved clock in a real system would misdate every legal time limit.
   */
  trainingClock: TrainingClockSetting | null;
  /**
   * E-mail delivery of notices and reminders (modules/mail): the bureau's SMTP server as a URL
   * (smtp://user:password@host:587 with STARTTLS when offered, smtps://…:465 for TLS from the start);
   * null turns mail off (nothing is queued).
   */
  mail: MailConfig | null;
  /** The bureau's SMS gateway module (KEXIN_SMS_GATEWAY_MODULE, modules/notifications/sms-gateway.ts); null: no SMS is sent. */
  smsGatewayModule: string | null;
}

export interface MailConfig {
  smtpUrl: string;
  /** The sender address (KEXIN_MAIL_FROM), shown as 科信系统. */
  from: string;
  /** The address people open Kexin at (KEXIN_PUBLIC_URL), for the link in each mail; no trailing slash. */
  publicUrl: string;
  /** Attempts before a mail is given up (KEXIN_MAIL_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Seconds before the first retry, doubled each time (KEXIN_MAIL_RETRY_SECONDS), at most retryMaxSeconds. */
  retrySeconds: number;
  retryMaxSeconds: number;
  /** A claimed mail whose sender vanished (process killed mid-send) is claimed again after this many seconds. */
  leaseSeconds: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer in ${min}..${max}, got ${raw}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got ${raw}`);
}

function trustProxy(raw: string | undefined): false | number | string {
  const v = raw?.trim();
  if (!v || v === 'false' || v === '0') return false;
  if (/^[1-9]\d?$/.test(v)) return Number(v);
  if (!/^[0-9a-fA-F.:/, ]+$/.test(v)) throw new ConfigError('KEXIN_TRUST_PROXY must be a hop count or proxy addresses (CIDR allowed), comma-separated');
  return v;
}

function mail(env: NodeJS.ProcessEnv): MailConfig | null {
  const smtpUrl = env.KEXIN_SMTP_URL?.trim();
  if (!smtpUrl) return null;
  let u: URL;
  try { u = new URL(smtpUrl); } catch { throw new ConfigError('KEXIN_SMTP_URL must be a URL such as smtp://user:password@mail.example.gov.cn:587'); }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new ConfigError('KEXIN_SMTP_URL must start with smtp:// or smtps://');
  if (!u.hostname) throw new ConfigError('KEXIN_SMTP_URL must name the SMTP host');
  const from = env.KEXIN_MAIL_FROM?.trim() ?? '';
  const bad = checkEmailAddress(from);
  if (bad) throw new ConfigError(`KEXIN_MAIL_FROM must be the sender's e-mail address when KEXIN_SMTP_URL is set: ${EMAIL_PROBLEM_ZH[bad]}`);
  const publicUrl = env.KEXIN_PUBLIC_URL?.trim().replace(/\/+$/, '') ?? '';
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) throw new ConfigError('KEXIN_PUBLIC_URL must be the http(s) address people open Kexin at when KEXIN_SMTP_URL is set (each mail links to its case)');
  const retrySeconds = int(env, 'KEXIN_MAIL_RETRY_SECONDS', 60, 1, 86_400);
  return {
    smtpUrl, from, publicUrl,
    maxAttempts: int(env, 'KEXIN_MAIL_MAX_ATTEMPTS', 6, 1, 50),
    retrySeconds,
    retryMaxSeconds: Math.max(retrySeconds, int(env, 'KEXIN_MAIL_RETRY_MAX_SECONDS', 6 * 3600, 1, 7 * 86_400)),
    leaseSeconds: int(env, 'KEXIN_MAIL_LEASE_SECONDS', 600, 30, 86_400),
  };
}

function trainingClockSetting(raw: string | undefined, databaseUrl: string | null, demo: boolean): TrainingClockSetting | null {
  const v = raw?.trim();
  if (!v) return null;
  let setting: TrainingClockSetting;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && isIsoDate(v)) setting = { today: v };
  else if (/^[+-]\d{1,5}$/.test(v)) setting = { offsetDays: Number(v) };
  else throw new ConfigError(`KEXIN_TODAY must be a date YYYY-MM-DD or a day offset such as +30 or -7, got ${v}`);
  if (databaseUrl) throw new ConfigError('KEXIN_TODAY (training clock) is allowed only on the embedded PGlite demo, not with DATABASE_URL (PostgreSQL)');
  if (!demo) throw new ConfigError('KEXIN_TODAY (training clock) is allowed only in demo mode (KEXIN_DEMO=true)');
  return setting;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must start with postgres://');
  const dataDir = path.resolve(cwd, env.KEXIN_DATA_DIR || 'data');
  const dataKeyHex = env.KEXIN_DATA_KEY?.trim() || null;
  if (dataKeyHex && !/^[0-9a-fA-F]{32}(,[0-9a-fA-F]{32})*$/.test(dataKeyHex)) throw new ConfigError('KEXIN_DATA_KEY must be 32 hex characters (an SM4 key), or several separated by commas, oldest first');
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir,
    dataKeyHex,
    keyFile: path.resolve(cwd, env.KEXIN_KEY_FILE || path.join(dataDir, 'keys', 'data.key')),
    loadDemo: bool(env, 'KEXIN_DEMO', databaseUrl === null),
    sessionIdleMinutes: int(env, 'KEXIN_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    cookieSecure: bool(env, 'KEXIN_COOKIE_SECURE', true),
    logLevel: env.LOG_LEVEL || 'warn',
    sweepSeconds: int(env, 'KEXIN_SWEEP_SECONDS', 60, 0, 86_400),
    // PGlite keeps its files in the OS cache (a data folder) or its own memory (in memory) already, so
    // PostgreSQL's 128 MB of shared buffers mostly held a second copy: 16 MB brought the demo server's
    // RSS at rest from ~420 MB to ~280 MB (issue 17, BENCHMARKS.md "Start-up").
    pgliteSharedBuffersMb: int(env, 'KEXIN_PGLITE_SHARED_BUFFERS_MB', PGLITE_SHARED_BUFFERS_MB, 1, 4096),
    uploadMaxBytes: int(env, 'KEXIN_UPLOAD_MAX_MB', 20, 1, 200) * 1_048_576,
    complaintFileMaxBytes: int(env, 'KEXIN_COMPLAINT_FILE_MAX_MB', 10, 1, 50) * 1_048_576,
    // 18 bits: about 260 000 hashes, a second or two in a browser; a person does not notice, a flood pays for every message.
    complaintPowBits: int(env, 'KEXIN_COMPLAINT_POW_BITS', 18, 8, 26),
    cjkFont: env.KEXIN_CJK_FONT?.trim() || null,
    auditCheckpointDir: path.resolve(cwd, env.KEXIN_AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints')),
    auditCheckpointMinutes: int(env, 'KEXIN_AUDIT_CHECKPOINT_MINUTES', 60, 0, 7 * 24 * 60),
    auditCheckpointEvents: int(env, 'KEXIN_AUDIT_CHECKPOINT_EVENTS', 1_000, 0, 100_000_000),
    totpRequired: bool(env, 'KEXIN_TOTP_REQUIRED', databaseUrl !== null || !bool(env, 'KEXIN_DEMO', true)),
    passwordMaxAgeDays: int(env, 'KEXIN_PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
    apiTokenSeconds: int(env, 'KEXIN_API_TOKEN_SECONDS', 600, 60, 3600),
    rateLimits: bool(env, 'KEXIN_RATE_LIMITS', true),
    trustProxy: trustProxy(env.KEXIN_TRUST_PROXY),
    mail: mail(env),
    smsGatewayModule: env.KEXIN_SMS_GATEWAY_MODULE?.trim() || null,
    trainingClock: trainingClockSetting(env.KEXIN_TODAY, databaseUrl, bool(env, 'KEXIN_DEMO', databaseUrl === null)),
  };
}
