/**
 * CI-29: the public complaint form answers a proof of work before it is sent. The pure SHA-256 the
 * browser solves with must agree with node:crypto, which the server checks with
 * (modules/complaints/complaint-challenge.ts), and the solver's answer must pass that check.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, meetsWork, sha256, solveWork } from '../../src/core/challenge/proof-of-work';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeSha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe('CI-29 举报人机校验的 SHA-256 与工作量证明', () => {
  it('FIPS 180-4 的示例："abc" 与空串的摘要', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('0–300 字节的任意内容（跨越一块、两块和填充边界 55/56/64 字节）与 node:crypto 一致', () => {
    for (let len = 0; len <= 300; len++) {
      const bytes = crypto.randomBytes(len);
      expect(hex(sha256(bytes)), `长度 ${len}`).toBe(nodeSha(bytes));
    }
  });

  it('求得的随机数通过服务端同样的校验（node:crypto 摘要的前导零位不少于难度），且是最小的那个', () => {
    const challenge = crypto.randomBytes(24).toString('base64url');
    const bits = 12;
    const nonce = solveWork(challenge, bits)!;
    const digest = crypto.createHash('sha256').update(`${challenge}:${nonce}`).digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(bits);
    expect(meetsWork(challenge, nonce, bits)).toBe(true);
    for (let n = 0; n < Number(nonce); n++) expect(meetsWork(challenge, String(n), bits)).toBe(false);
  });

  it('尝试次数用尽时返回 null（难度高于尝试次数所能达到的）', () => {
    expect(solveWork('x', 40, 1000)).toBeNull();
  });
});

describe('CI-29 分段求解（浏览器每 4096 次让出页面）', () => {
  it('从 from 开始分段搜索，得到与一次搜索相同的随机数', () => {
    const challenge = 'segmented-challenge';
    const whole = solveWork(challenge, 12)!;
    let found: string | null = null;
    for (let from = 0; found === null; from += 256) found = solveWork(challenge, 12, 256, from);
    expect(found).toBe(whole);
    expect(solveWork(challenge, 12, Number(whole), 0)).toBeNull(); // the range stops just before the answer
  });
});
