import { describe, expect, it } from 'vitest';
import { claimedExtension, safeFileName, sniff } from '../../src/core/files/sniff';
import { FIXTURES } from '../support/zip';

describe('上传文件按内容识别类型（不看文件名和声明的类型）', () => {
  it.each([['pdf', 'pdf'], ['png', 'png'], ['jpeg', 'jpeg'], ['docx', 'docx'], ['xlsx', 'xlsx'], ['ofd', 'ofd']] as const)('接受 %s', (fixture, type) => {
    expect(sniff(FIXTURES[fixture])).toEqual({ ok: true, type });
  });
  it.each([['exe', 'executable'], ['elf', 'executable'], ['script', 'executable'], ['gzip', 'archive'], ['zip', 'archive'], ['docm', 'macro'], ['html', 'unknown']] as const)('拒收 %s（%s）', (fixture, reason) => {
    expect(sniff(FIXTURES[fixture])).toMatchObject({ ok: false, reason });
  });
  it('文件名只取最后一段、去掉控制字符和路径，不作为路径使用', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\\\材料\\\\申请书\u0000.pdf')).toBe('申请书.pdf');
    expect(safeFileName('')).toBe('未命名');
    expect(claimedExtension('申请书.PDF')).toBe('pdf');
    expect(claimedExtension('没有扩展名')).toBe('');
  });
});
