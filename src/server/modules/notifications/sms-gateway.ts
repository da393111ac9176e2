/**
 * 短信 (SMS) behind an interface, with no implementation of its own: Kexin sends no text message unless
 * a bureau plugs in its gateway (its operator's or the government SMS platform's API), named by
 * KEXIN_SMS_GATEWAY_MODULE — an ES module exporting `createSmsGateway(env)` that returns an SmsGateway
 * (docs/DEPLOYMENT.md, 短信). There is no fake or logging gateway: without one, `sendSms` answers that
 * SMS is not configured and nothing is sent or pretended. Numbers are never written to the log here.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';

export interface SmsMessage {
  /** A mainland mobile number, 11 digits (the caller checks it). */
  to: string;
  /** The text; at most 500 characters (operators split longer messages). */
  text: string;
}

/** What a bureau's gateway must do: send one message and say the platform's reference, or throw. */
export interface SmsGateway {
  /** Names the gateway in logs and the health check (e.g. 省政务短信平台). */
  readonly name: string;
  send(message: SmsMessage): Promise<{ reference: string | null }>;
}

export type SmsOutcome = { sent: true; gateway: string; reference: string | null } | { sent: false; reason: 'not_configured' | 'invalid_number' | 'too_long' };

const MOBILE = /^1[3-9]\d{9}$/;

/** Sends through the plugged-in gateway, or answers why not; never sends without one. */
export async function sendSms(gateway: SmsGateway | null | undefined, m: SmsMessage): Promise<SmsOutcome> {
  if (!gateway) return { sent: false, reason: 'not_configured' };
  if (!MOBILE.test(m.to)) return { sent: false, reason: 'invalid_number' };
  if (m.text.length === 0 || m.text.length > 500) return { sent: false, reason: 'too_long' };
  const r = await gateway.send(m);
  return { sent: true, gateway: gateway.name, reference: r.reference ?? null };
}

/** Loads the bureau's gateway module (KEXIN_SMS_GATEWAY_MODULE), checking what it returns; null when none is named. */
export async function loadSmsGateway(modulePath: string | null, env: NodeJS.ProcessEnv = process.env): Promise<SmsGateway | null> {
  if (!modulePath) return null;
  const mod = await import(pathToFileURL(path.resolve(modulePath)).href) as { createSmsGateway?: (env: NodeJS.ProcessEnv) => unknown };
  if (typeof mod.createSmsGateway !== 'function') throw new Error(`KEXIN_SMS_GATEWAY_MODULE ${modulePath} does not export createSmsGateway(env)`);
  const g = await mod.createSmsGateway(env) as Partial<SmsGateway> | null;
  if (!g || typeof g.name !== 'string' || typeof g.send !== 'function') throw new Error(`createSmsGateway of ${modulePath} must return { name, send(message) }`);
  return g as SmsGateway;
}
