/**
 * The embedded PGlite's shared buffers (issue 17, RSS at rest): small by default, since its files are
 * already cached by the OS (a data folder) or held in its own memory; a bureau may set more.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { openPglite } from '../../src/server/db/database';

describe('内置数据库 PGlite 的共享缓冲区', () => {
  it('默认 16MB；KEXIN_PGLITE_SHARED_BUFFERS_MB 可改，非法值拒绝启动', async () => {
    expect(loadConfig({}).pgliteSharedBuffersMb).toBe(16);
    expect(loadConfig({ KEXIN_PGLITE_SHARED_BUFFERS_MB: '64' }).pgliteSharedBuffersMb).toBe(64);
    expect(() => loadConfig({ KEXIN_PGLITE_SHARED_BUFFERS_MB: '0' })).toThrow('KEXIN_PGLITE_SHARED_BUFFERS_MB');
    const small = await openPglite(null);
    const large = await openPglite(null, { sharedBuffersMb: 64 });
    try {
      expect(await small.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
      expect(await large.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '64MB' }]);
    } finally {
      await Promise.all([small.close(), large.close()]);
    }
  }, 60_000);
});
