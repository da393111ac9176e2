/**
 * What a mail may say and when it is sent (core/notices): the address a user enters, the kinds of
 * mail a step's notice is sent as, the masking of ID numbers in every mail, and the retry back-off.
 */
import { describe, expect, it } from 'vitest';
import { checkEmailAddress, normaliseEmail } from '../../src/core/notices/email-address';
import { composeMail, maskIdNumbersIn, retryDelaySeconds, stepMailKind } from '../../src/core/notices/mail';

describe('电子邮箱地址的校验', () => {
  it.each([
    ['zhang.san@kjj.cx.gov.cn', null],
    ['li+notice@example.com', null],
    ['Wang@KJJ.CX.GOV.CN', null],
    ['a@kjj.xn--fiqs8s', null],
    ['', 'empty'],
    ['   ', 'empty'],
    ['zhangsan', 'format'],
    ['zhang@', 'format'],
    ['@kjj.gov.cn', 'format'],
    ['zhang..san@kjj.gov.cn', 'format'],
    ['zhang@kjj', 'domain'],
    ['zhang@-kjj.gov.cn', 'domain'],
    ['zhang@kjj.gov.c1', 'domain'],
    ['zhang san@kjj.gov.cn', 'character'],
    ['zhang@kjj.gov.cn\r\nBcc: x@evil.cn', 'character'],
    ['张三@kjj.gov.cn', 'character'],
    ['zhang，san@kjj.gov.cn', 'character'],
    ['a@b.cn,c@d.cn', 'character'],
    ['<zhang@kjj.gov.cn>', 'character'],
    [`${'a'.repeat(65)}@kjj.gov.cn`, 'length'],
  ] as const)('“%s” → %s', (raw, problem) => {
    expect(checkEmailAddress(raw)).toBe(problem);
  });

  it('保存时去掉首尾空格、域名转小写，@ 前保持原样', () => {
    expect(normaliseEmail('  Wang@KJJ.CX.GOV.CN ')).toBe('Wang@kjj.cx.gov.cn');
  });
});

describe('哪些通知发送邮件', () => {
  it('科技部门人员：步骤开始或结束本部门应办的期限时发送（受理期限 YT-6.2 由科技部门承担）', () => {
    expect(stepMailKind('bureau', ['YT-6.2'], [])).toBe('window');
    expect(stepMailKind('bureau', [], ['YT-6.3'])).toBe('window');
  });
  it('科技部门人员：不涉及本部门期限的步骤只在系统内提醒，不发邮件', () => {
    expect(stepMailKind('bureau', ['CI-27.objection'], [])).toBeNull();
    expect(stepMailKind('bureau', [], [])).toBeNull();
  });
  it('当事人：步骤开始其应办的期限（CI-27 异议期）时作为期限通知发送，其余作为与本人有关的决定和通知发送', () => {
    expect(stepMailKind('party', ['CI-27.objection'], [])).toBe('window');
    expect(stepMailKind('party', ['YT-6.5'], ['YT-6.3'])).toBe('case_notice');
    expect(stepMailKind('party', [], [])).toBe('case_notice');
  });
});

describe('邮件内容不含完整身份证号', () => {
  it('18 位身份证号保留前 6 位和后 4 位，15 位的全部隐去；其他数字不动', () => {
    expect(maskIdNumbersIn('当事人 53230119900307001X 已告知')).toBe('当事人 532301********001X 已告知');
    expect(maskIdNumbersIn('旧证 532301900307001 号')).toBe('旧证 *************** 号');
    expect(maskIdNumbersIn('项目 CXKJ2024-901，期限 2026-12-04，金额 300000 元')).toBe('项目 CXKJ2024-901，期限 2026-12-04，金额 300000 元');
  });

  it('主题和正文：写明案件、期限和链接，身份证号已隐去，主题不换行', () => {
    const m = composeMail({
      title: '即将到期：列入失信惩戒名单\n：提出异议', body: '请于 2026-12-04 前提出异议（涉及 532301199003070011）。',
      caseLabel: '列入失信惩戒名单', due: { date: '2026-12-04', action: '提出异议' }, link: 'https://kexin.cx.gov.cn/cases/abc',
    });
    expect(m.subject).toBe('【科信】即将到期：列入失信惩戒名单 ：提出异议');
    expect(m.text).toContain('案件：列入失信惩戒名单');
    expect(m.text).toContain('期限：2026-12-04 前提出异议');
    expect(m.text).toContain('查看：https://kexin.cx.gov.cn/cases/abc');
    expect(m.text).toContain('532301********0011');
    expect(m.text).not.toMatch(/\d{17}[\dXx]/);
  });
});

describe('发送失败后的重试间隔', () => {
  const o = { baseSeconds: 60, maxSeconds: 3600, maxAttempts: 6 };
  it('每失败一次间隔加倍（60、120、240 秒……），不超过上限；达到次数上限后不再重试', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, o))).toEqual([60, 120, 240, 480, 960]);
    expect(retryDelaySeconds(5, { ...o, maxSeconds: 500 })).toBe(500);
    expect(retryDelaySeconds(6, o)).toBeNull();
  });
});
