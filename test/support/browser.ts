/**
 * A test app served over HTTP to Debian's Chromium (driven by playwright-core), for the browser tests:
 * the web client built if it is missing, the server listening on a free port, one browser.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { WEB_DIST } from '../../src/server/http/server';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Served { base: string; browser: Browser; close(): Promise<void> }

/** Serves `t` and opens a browser; `close` ends both (the app too). */
export async function serveToBrowser(t: TestApp): Promise<Served> {
  if (!fs.existsSync(WEB_DIST + 'index.html')) execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts'], { stdio: 'inherit' });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install -y chromium fonts-noto-cjk）`);
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  const browser = await sharedBrowser();
  // The browser outlives the file; what the file opened in it does not.
  return { base, browser, async close() { await Promise.all(browser.contexts().map((c) => c.close().catch(() => {}))); await t.close(); } };
}

/**
 * One Chromium per test worker (the browser tier runs its files one after another in a worker, not
 * isolated): launching it costs a second or two per file on this machine. Each file still gets fresh
 * contexts (cookies, storage, cache) and closes them; the browser ends with the worker (its pipe closes).
 */
let browserLaunch: Promise<Browser> | null = null;
function sharedBrowser(): Promise<Browser> {
  const launch = browserLaunch ??= chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return launch.then((b) => {
    if (b.isConnected()) return b;
    browserLaunch = null; // it crashed: the next file launches a new one
    return sharedBrowser();
  });
}

/** Fills the login form as a person does (antd renders the button's two characters spaced: 登 录). */
export async function fillLogin(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** What a browser test file works with: the app (demo data, fixed clock), its address and the browser. */
export interface BrowserApp { t: TestApp; served: Served; base: string; browser: Browser }

/**
 * The set-up every browser test file shares: before its tests the app is started on PGlite (demo data
 * unless told) and served to one browser; after them both are closed. `ready` receives them (to
 * assign the file's variables, or to prepare records through the API before the first test).
 */
export function useBrowserApp(ready: (app: BrowserApp) => void | Promise<void>, options: TestAppOptions | (() => TestAppOptions) = {}) {
  let served: Served | undefined;
  beforeAll(async () => {
    // Options known only once an earlier hook ran (a test SMTP server's address) are given as a function.
    const t = await startTestApp('pglite', typeof options === 'function' ? options() : options);
    served = await serveToBrowser(t);
    await ready({ t, served, base: served.base, browser: served.browser });
  });
  afterAll(async () => { await served?.close(); });
}

/** The context every page of the browser tests opens in: Chinese, a desk-sized window, no motion. */
export const PAGE_OPTIONS: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' };

/** A page in its own context that records every console error and uncaught error, so a test can say there were none. */
export async function watchedPage(browser: Browser, options: BrowserContextOptions = PAGE_OPTIONS): Promise<[Page, string[], () => Promise<void>]> {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`); });
  return [page, errors, () => ctx.close()];
}

/** Signs in as a demo account through the login form and waits for the signed-in page. */
export async function signIn(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await fillLogin(page, base, username, password);
  await page.getByTestId('current-user').waitFor();
}
