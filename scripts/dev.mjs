#!/usr/bin/env node
/**
 * `npm run dev`: the server from its TypeScript sources, restarted on every change (tsx watch), and
 * the web client from Vite's dev server with hot reload, which proxies /api to the server.
 */
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'src/cli/entry.ts', 'serve'], { stdio: 'inherit', env: { ...process.env, KEXIN_COOKIE_SECURE: process.env.KEXIN_COOKIE_SECURE ?? 'false' } }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'src/web/vite.config.ts'], { stdio: 'inherit' }),
];
const stop = () => { for (const c of children) c.kill('SIGTERM'); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const c of children) c.once('exit', (code) => { stop(); process.exitCode = code ?? 0; });
