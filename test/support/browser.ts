/**
 * A test app served over HTTP to Debian's Chromium (driven by playwright-core), for the browser tests:
 * the web client built if it is missing, the server listening on a free port, one browser.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { WEB_DIST } from '../../src/server/http/server';
import type { TestApp } from './test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Served { base: string; browser: Browser; close(): Promise<void> }

/** Serves `t` and opens a browser; `close` ends both (the app too). */
export async function serveToBrowser(t: TestApp): Promise<Served> {
  if (!fs.existsSync(WEB_DIST + 'index.html')) execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts'], { stdio: 'inherit' });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install -y chromium fonts-noto-cjk）`);
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { base, browser, async close() { await browser.close(); await t.close(); } };
}

/** Fills the login form as a person does (antd renders the button's two characters spaced: 登 录). */
export async function fillLogin(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
