/**
 * The proof of work the public complaint form (CI-29) answers before it is sent: find a nonce such
 * that SHA-256(challenge ":" nonce) begins with `bits` zero bits. Pure (no Node built-ins, no
 * WebCrypto, which browsers withhold from pages served over plain HTTP on an intranet): the browser
 * solves with it; the server checks with node:crypto, so the two implementations check each other.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// Scratch space for one compression (the solver hashes hundreds of thousands of short messages: no
// allocation per try). Int32 arithmetic throughout; words are read as unsigned only at the end.
const W = new Int32Array(64);
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Bytes a message of `len` bytes takes once padded (FIPS 180-4 5.1.1): whole 64-byte blocks. */
const paddedLength = (len: number) => Math.ceil((len + 9) / 64) * 64;

/** Hashes the first `len` bytes of `buf` (which has room for the padding: `paddedLength(len)` bytes) into `h`. */
function digestInto(buf: Uint8Array, len: number, h: Int32Array): void {
  const blocks = paddedLength(len) >> 6;
  buf.fill(0, len, blocks * 64);
  buf[len] = 0x80;
  const bitsHi = Math.floor(len / 0x20000000), bitsLo = (len * 8) >>> 0;
  const end = blocks * 64;
  buf[end - 8] = bitsHi >>> 24; buf[end - 7] = bitsHi >>> 16; buf[end - 6] = bitsHi >>> 8; buf[end - 5] = bitsHi;
  buf[end - 4] = bitsLo >>> 24; buf[end - 3] = bitsLo >>> 16; buf[end - 2] = bitsLo >>> 8; buf[end - 1] = bitsLo;
  for (let i = 0; i < 8; i++) h[i] = H0[i];
  for (let b = 0; b < end; b += 64) {
    for (let i = 0; i < 16; i++) { const o = b + i * 4; W[i] = (buf[o] << 24) | (buf[o + 1] << 16) | (buf[o + 2] << 8) | buf[o + 3]; }
    for (let i = 16; i < 64; i++) {
      const x = W[i - 15], y = W[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + bb) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
  }
}

/** The final state words of the digest of `msg` (a copy of it padded). */
function stateOf(msg: Uint8Array): Int32Array {
  const buf = new Uint8Array(paddedLength(msg.length));
  buf.set(msg);
  const h = new Int32Array(8);
  digestInto(buf, msg.length, h);
  return h;
}

/** SHA-256 (FIPS 180-4) of bytes. */
export function sha256(msg: Uint8Array): Uint8Array {
  const h = stateOf(msg);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) { out[i * 4] = h[i] >>> 24; out[i * 4 + 1] = h[i] >>> 16; out[i * 4 + 2] = h[i] >>> 8; out[i * 4 + 3] = h[i]; }
  return out;
}

/** How many zero bits the digest begins with. */
export function leadingZeroBits(d: Uint8Array): number {
  let n = 0;
  for (const byte of d) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** The same count read from the state words, without writing the digest out. */
function leadingZeroBitsOfState(h: Int32Array): number {
  let n = 0;
  for (let i = 0; i < 8; i++) {
    if (h[i] === 0) { n += 32; continue; }
    return n + Math.clz32(h[i]);
  }
  return n;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Whether `nonce` answers `challenge` at `bits`. */
export function meetsWork(challenge: string, nonce: string, bits: number): boolean {
  return leadingZeroBitsOfState(stateOf(utf8(`${challenge}:${nonce}`))) >= bits;
}

/**
 * Finds the first nonce (decimal, from `from`, 0 unless told) that answers; gives up after `maxTries` (null). At 18 bits
 * the expected number of tries is 2^18 ≈ 262 000, so the `challenge:` prefix is encoded once and each
 * try writes only its digits into the same buffer (the answer is the one `meetsWork` accepts).
 */
export function solveWork(challenge: string, bits: number, maxTries = 1 << 26, from = 0): string | null {
  const prefix = utf8(`${challenge}:`);
  const buf = new Uint8Array(paddedLength(prefix.length + 20));
  buf.set(prefix);
  const h = new Int32Array(8);
  for (let n = from; n < from + maxTries; n++) {
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) buf[prefix.length + i] = digits.charCodeAt(i);
    digestInto(buf, prefix.length + digits.length, h);
    if (leadingZeroBitsOfState(h) >= bits) return digits;
  }
  return null;
}
