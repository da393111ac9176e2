/**
 * 短信 behind an interface (issue 19): nothing is sent without a bureau's gateway; a gateway module the
 * bureau names is loaded and checked; a module that does not export createSmsGateway stops the start.
 * No database is involved, so this suite has nothing to run on PGlite or PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSmsGateway, sendSms } from '../../src/server/modules/notifications/sms-gateway';
import { loadConfig } from '../../src/server/config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-sms-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('短信网关（由本局接入，系统不自带）', () => {
  it('未接入网关：配置为空，sendSms 答复未配置，什么也不发', async () => {
    expect(loadConfig({ KEXIN_DATA_DIR: dir }, dir).smsGatewayModule).toBeNull();
    expect(await loadSmsGateway(null)).toBeNull();
    expect(await sendSms(null, { to: '13800138000', text: '测试' })).toEqual({ sent: false, reason: 'not_configured' });
  });

  it('接入本局网关模块：按 KEXIN_SMS_GATEWAY_MODULE 载入，号码不合规的不调用网关，合规的交网关发送并返回其编号', async () => {
    const file = path.join(dir, 'gateway.mjs');
    fs.writeFileSync(file, `export function createSmsGateway(env) { const sent = []; globalThis.__kexinSmsSent = sent; return { name: env.GW_NAME, async send(m) { sent.push(m); return { reference: 'R-' + sent.length }; } }; }`);
    expect(loadConfig({ KEXIN_DATA_DIR: dir, KEXIN_SMS_GATEWAY_MODULE: file }, dir).smsGatewayModule).toBe(file);
    const g = await loadSmsGateway(file, { GW_NAME: '省政务短信平台' });
    expect(g?.name).toBe('省政务短信平台');
    expect(await sendSms(g, { to: '1380013800', text: '测试' })).toEqual({ sent: false, reason: 'invalid_number' });
    expect(await sendSms(g, { to: '13800138000', text: '您有一件案件待办理' })).toEqual({ sent: true, gateway: '省政务短信平台', reference: 'R-1' });
    expect((globalThis as any).__kexinSmsSent).toEqual([{ to: '13800138000', text: '您有一件案件待办理' }]);
  });

  it('网关模块不合要求的，启动即报错', async () => {
    const file = path.join(dir, 'bad.mjs');
    fs.writeFileSync(file, 'export const nothing = 1;');
    await expect(loadSmsGateway(file)).rejects.toThrow('does not export createSmsGateway');
  });
});
