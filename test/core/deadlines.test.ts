/**
 * Time limits of YT and CI, each with its counting rule, worked by hand from the calendar.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../../src/core/calendar/bundled';
import type { HolidayNotice } from '../../src/core/calendar/notice';
import { CalendarBook } from '../../src/core/calendar/working-calendar';
import { addMonths, computeDeadline, DeadlineError, type DeadlineInput } from '../../src/core/deadlines/compute-deadline';

const book = new CalendarBook(BUNDLED_NOTICES, BUNDLED_LOCAL_HOLIDAYS);
const due = (input: DeadlineInput) => computeDeadline(input, book).dueDate;
const refused = (input: DeadlineInput) => {
  try {
    computeDeadline(input, book);
  } catch (e) {
    return e as DeadlineError;
  }
  throw new Error('expected a refusal');
};
const CHUXIONG_PATH = ['532300', '530000'];

describe('YT-6.3 作出决定：14 个工作日，可延长一次 14 个工作日，评估、听证时间不计', () => {
  it('YT-6.3 2026-09-28 受理 → 2026-10-22，推导逐日可核', () => {
    const r = computeDeadline({ limitId: 'YT-6.3', start: '2026-09-28' }, book);
    expect(r.dueDate).toBe('2026-10-22');
    expect(r.derivation).toBe(
      '2026-09-28 受理（当日不计）；+14个工作日：9/29=1，9/30=2，国庆节 10/1–10/7 不计，10/8=3，10/9=4，10/10（调休上班）=5，周末 10/11 不计，' +
      '10/12=6，10/13=7，10/14=8，10/15=9，10/16=10，周末 10/17–10/18 不计，10/19=11，10/20=12，10/21=13，10/22=14 → 2026-10-22');
  });
  it('YT-6.3 专家评估暂停 10/12–10/16（5 个工作日不计）→ 2026-10-29', () => {
    expect(due({ limitId: 'YT-6.3', start: '2026-09-28', pauses: [{ from: '2026-10-12', to: '2026-10-16', reason: '专家评估' }] })).toBe('2026-10-29');
  });
  it('YT-6.3 两次暂停（评估 10/12–10/13，听证 10/20）共 3 个工作日不计 → 2026-10-27', () => {
    // 10/8=3,10/9=4,10/10=5,[10/12,10/13 暂停],10/14=6,10/15=7,10/16=8,10/19=9,[10/20 暂停],10/21=10,10/22=11,10/23=12,10/26=13,10/27=14
    expect(due({ limitId: 'YT-6.3', start: '2026-09-28', pauses: [
      { from: '2026-10-12', to: '2026-10-13', reason: '专家评估' }, { from: '2026-10-20', to: '2026-10-20', reason: '听证' },
    ] })).toBe('2026-10-27');
  });
  it('YT-6.3 经部门负责人批准延长一次：共 28 个工作日 → 2026-11-11', () => {
    const r = computeDeadline({ limitId: 'YT-6.3', start: '2026-09-28', extensions: [{ approvedBy: '王某（局长）' }] }, book);
    expect(r.dueDate).toBe('2026-11-11');
    expect(r.amount).toBe(28);
    expect(r.derivation).toContain('含经批准延长的 14 个工作日');
  });
  it('YT-6.3 延长且暂停 10/12–10/16 → 2026-11-18', () => {
    expect(due({ limitId: 'YT-6.3', start: '2026-09-28', extensions: [{ approvedBy: '局长' }], pauses: [{ from: '2026-10-12', to: '2026-10-16', reason: '专家评估' }] })).toBe('2026-11-18');
  });
  it('YT-6.3 第二次延长被拒绝，并说明只能延长一次', () => {
    const e = refused({ limitId: 'YT-6.3', start: '2026-09-28', extensions: [{ approvedBy: '局长' }, { approvedBy: '局长' }] });
    expect(e.code).toBe('EXTENSION_REFUSED');
    expect(e.zh).toContain('只能延长 1 次');
  });
  it('YT-6.3 延长须记录批准人', () => {
    expect(refused({ limitId: 'YT-6.3', start: '2026-09-28', extensions: [{ approvedBy: ' ' }] }).code).toBe('EXTENSION_REFUSED');
  });
  it('YT-6.3 暂停的结束早于开始、在受理日之前、在到期之后、相互重叠、理由不是评估或听证，都被拒绝', () => {
    const s = { limitId: 'YT-6.3', start: '2026-09-28' };
    expect(refused({ ...s, pauses: [{ from: '2026-10-16', to: '2026-10-12', reason: '专家评估' }] }).code).toBe('INVALID_PAUSE');
    expect(refused({ ...s, pauses: [{ from: '2026-09-28', to: '2026-10-12', reason: '专家评估' }] }).code).toBe('INVALID_PAUSE');
    expect(refused({ ...s, pauses: [{ from: '2026-10-23', to: '2026-10-26', reason: '专家评估' }] }).zh).toContain('不在时限之内');
    expect(refused({ ...s, pauses: [{ from: '2026-10-12', to: '2026-10-14', reason: '专家评估' }, { from: '2026-10-14', to: '2026-10-15', reason: '听证' }] }).zh).toContain('重叠');
    expect(refused({ ...s, pauses: [{ from: '2026-10-12', to: '2026-10-14', reason: '出差' }] }).code).toBe('INVALID_PAUSE');
  });
  it('YT-6.3 截至 2026-10-09：已用 4 个工作日（9/29、9/30、10/8、10/9），剩 10 个，未逾期；10/23 逾期', () => {
    const r = computeDeadline({ limitId: 'YT-6.3', start: '2026-09-28', asOf: '2026-10-09' }, book);
    expect([r.used, r.left, r.overdue, r.paused]).toEqual([4, 10, false, false]);
    const late = computeDeadline({ limitId: 'YT-6.3', start: '2026-09-28', asOf: '2026-10-23' }, book);
    expect([late.used, late.left, late.overdue]).toEqual([14, 0, true]);
  });
  it('YT-6.3 暂停尚未结束：按暂停持续到今天计算并标明暂停中（10/12 起评估，今天 10/14 → 10/22 + 3 个工作日 = 10/27）', () => {
    const r = computeDeadline({ limitId: 'YT-6.3', start: '2026-09-28', asOf: '2026-10-14', pauses: [{ from: '2026-10-12', to: null, reason: '专家评估' }] }, book);
    expect(r.paused).toBe(true);
    expect(r.dueDate).toBe('2026-10-27');
    expect(r.used).toBe(5);
  });
});

describe('YT-6.1 / YT-6.2 / YT-6.5 / CI-27 / CI-31 工作日时限', () => {
  it.each([
    ['YT-6.1', '2026-04-01', '2026-04-30', '4/2=1，4/3=2，4/4–4/6 清明不计，4/7–4/10=3–6，4/13–4/17=7–11，4/20–4/24=12–16，4/27–4/30=17–20'],
    ['YT-6.2', '2026-02-10', '2026-02-26', '2/11=1，2/12=2，2/13=3，2/14（调休）=4，2/15–2/23 春节不计，2/24=5，2/25=6，2/26=7'],
    ['YT-6.5', '2025-09-30', '2025-10-21', '10/1–10/8 不计，10/9=1，10/10=2，10/11（调休）=3，10/13–10/17=4–8，10/20=9，10/21=10'],
    ['CI-27', '2025-12-24', '2026-01-15', '12/25=1，12/26=2，12/29–12/31=3–5，1/1–1/3 元旦不计，1/4（调休）=6，1/5–1/9=7–11，1/12–1/15=12–15'],
    ['CI-31', '2024-09-27', '2024-10-23', '9/29（调休）=1，9/30=2，10/1–10/7 不计，10/8–10/11=3–6，10/12（调休）=7，10/14–10/18=8–12，10/21–10/23=13–15'],
  ])('%s 自 %s 起算 → %s（%s）', (limitId, start, expected) => {
    expect(due({ limitId, start })).toBe(expected);
  });
});

describe('YT-9.2 / YT-9.3 “日”按自然日计算，末日为休息日的顺延至下一工作日（民法典第二百零三条）', () => {
  it('YT-9.2 2026-09-28 启动纠错，7 日 → 10/5 为国庆假日，顺延至 2026-10-08', () => {
    const r = computeDeadline({ limitId: 'YT-9.2', start: '2026-09-28' }, book);
    expect(r.dueDate).toBe('2026-10-08');
    expect(r.rules).toContain('CC-203');
  });
  it('YT-9.2 2026-03-02 启动，7 日 → 2026-03-09（周一，不顺延）', () => {
    expect(due({ limitId: 'YT-9.2', start: '2026-03-02' })).toBe('2026-03-09');
  });
  it('YT-9.3 2026-03-04 发通知书，10 日 → 3/14 周六，顺延至 2026-03-16', () => {
    expect(due({ limitId: 'YT-9.3', start: '2026-03-04' })).toBe('2026-03-16');
  });
  it('YT-9.3 末日恰为调休上班日不顺延：2026-02-18 + 10 日 = 2026-02-28（周六调休上班）', () => {
    expect(due({ limitId: 'YT-9.3', start: '2026-02-18' })).toBe('2026-02-28');
  });
  it('YT-9.2 另一种读法（按工作日）作为设置：2026-09-28 + 7 个工作日 = 2026-10-13', () => {
    expect(due({ limitId: 'YT-9.2', start: '2026-09-28', reading: 'working_days' })).toBe('2026-10-13');
  });
});

describe('CI-17.3.4 执行期满三个月：到期月对应日，无对应日取月末（民法典第二百零二条），再顺延休息日', () => {
  it('CI-17.3.4 2026-06-30 期满 → 2026-09-30', () => {
    expect(due({ limitId: 'CI-17.3.4', start: '2026-06-30' })).toBe('2026-09-30');
  });
  it('CI-17.3.4 2025-11-30 期满 → 2 月无 30 日取月末 2026-02-28（周六，但为调休上班日，不顺延）', () => {
    const r = computeDeadline({ limitId: 'CI-17.3.4', start: '2025-11-30' }, book);
    expect(r.dueDate).toBe('2026-02-28');
    expect(r.derivation).toContain('取月末');
  });
  it('CI-17.3.4 2023-11-30 期满 → 闰年 2024-02-29', () => {
    expect(due({ limitId: 'CI-17.3.4', start: '2023-11-30' })).toBe('2024-02-29');
  });
  it('CI-17.3.4 2025-07-03 期满 → 10/3 国庆假日，顺延至 2025-10-09', () => {
    expect(due({ limitId: 'CI-17.3.4', start: '2025-07-03' })).toBe('2025-10-09');
  });
  it('民法典第二百零二条：1 月 31 日加 1 个月为 2 月末，加 2 个月为 3 月 31 日', () => {
    expect(addMonths('2026-01-31', 1)).toEqual({ date: '2026-02-28', monthEnd: true });
    expect(addMonths('2026-01-31', 2)).toEqual({ date: '2026-03-31', monthEnd: false });
    expect(addMonths('2026-11-15', 3)).toEqual({ date: '2027-02-15', monthEnd: false });
  });
});

describe('YT-11 每年 12 月底前报送', () => {
  it('YT-11 2026-05-20 认定免责 → 当年 2026-12-31', () => {
    expect(due({ limitId: 'YT-11', start: '2026-05-20' })).toBe('2026-12-31');
  });
});

describe('地方假日（楚雄州 州庆、火把节）：默认只延长局方应履行的时限', () => {
  it('YT-6.2（局方受理）楚雄州 2025-07-14 → 火把节 7/16–7/18 不计 → 2025-07-28；不在楚雄州时 → 2025-07-23', () => {
    const r = computeDeadline({ limitId: 'YT-6.2', start: '2025-07-14', regionPath: CHUXIONG_PATH }, book);
    expect(r.dueDate).toBe('2025-07-28');
    expect(r.localOverlay).toBe(true);
    expect(r.derivation).toContain('火把节（地方假日） 7/16–7/18 不计');
    expect(due({ limitId: 'YT-6.2', start: '2025-07-14', regionPath: ['530100', '530000'] })).toBe('2025-07-23');
  });
  it('YT-6.2 楚雄州下辖的楚雄市同样适用州的地方假日', () => {
    expect(due({ limitId: 'YT-6.2', start: '2025-07-14', regionPath: ['532301', '532300', '530000'] })).toBe('2025-07-28');
  });
  it('YT-6.1（申请人提出申请）不因地方假日延长：2025-07-14 + 20 个工作日 → 2025-08-11', () => {
    const r = computeDeadline({ limitId: 'YT-6.1', start: '2025-07-14', regionPath: CHUXIONG_PATH }, book);
    expect(r.dueDate).toBe('2025-08-11');
    expect(r.localOverlay).toBe(false);
  });
  it('YT-6.3（局方）在楚雄州但期间内没有地方假日：结果与全国日历相同，不标“含地方假日”', () => {
    const r = computeDeadline({ limitId: 'YT-6.3', start: '2026-09-28', regionPath: CHUXIONG_PATH }, book);
    expect([r.dueDate, r.localOverlay]).toEqual(['2026-10-22', false]);
  });
  it('CI-27 州庆 2025-04-14–04-15 不计：2025-04-11 + 15 个工作日 → 2025-05-08', () => {
    // 4/14–4/15 州庆不计, 4/16–4/18=1–3, 4/21–4/25=4–8, 4/27（调休）=9, 4/28–4/30=10–12, 5/1–5/5 不计, 5/6–5/8=13–15
    expect(due({ limitId: 'CI-27', start: '2025-04-11', regionPath: CHUXIONG_PATH })).toBe('2025-05-08');
  });
});

describe('X-4 尚未载入通知的年份为暂定，载入后重新计算', () => {
  it('CI-27 2026-12-20 + 15 个工作日跨入 2027：暂定 2027-01-11（元旦按法定日不计），并带警告', () => {
    const r = computeDeadline({ limitId: 'CI-27', start: '2026-12-20' }, book);
    expect(r.dueDate).toBe('2027-01-11');
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2027]);
    expect(r.warnings.join()).toContain('2027 年的节假日安排通知尚未载入');
  });
  it('载入（假设的）2027 年通知（元旦 1/1–1/4 放假）后不再暂定，日期移到通知所定的 2027-01-12', () => {
    const hypothetical2027: HolidayNotice = { year: 2027, notice: '测试用假设通知', published: '2026-11-01', off: [{ from: '2027-01-01', to: '2027-01-04', name: '元旦' }], workdays: [] };
    const loaded = new CalendarBook([...BUNDLED_NOTICES, hypothetical2027], BUNDLED_LOCAL_HOLIDAYS);
    const r = computeDeadline({ limitId: 'CI-27', start: '2026-12-20' }, loaded);
    expect(r.provisional).toBe(false);
    expect(r.dueDate).toBe('2027-01-12');
  });
  it('整段都在已载入年份内的时限不是暂定', () => {
    expect(computeDeadline({ limitId: 'CI-27', start: '2026-11-02' }, book).provisional).toBe(false);
  });
});

describe('X-3 政策版本：参考日期不在有效期内时给出警告', () => {
  it('X-3 YT-6.3 于 2025-02-09（有效期最后一日）受理无警告；2025-02-10 受理提示云科规〔2023〕1号已到期', () => {
    expect(computeDeadline({ limitId: 'YT-6.3', start: '2025-02-09' }, book).policy.inForce).toBe(true);
    const r = computeDeadline({ limitId: 'YT-6.3', start: '2025-02-10' }, book);
    expect(r.policy.inForce).toBe(false);
    expect(r.warnings.join()).toContain('云科规〔2023〕1号 已于 2025-02-09 到期');
  });
  it('X-3 CI-27 于 2026-01-31 在有效期内，2026-02-01 不在', () => {
    expect(computeDeadline({ limitId: 'CI-27', start: '2026-01-31' }, book).policy.inForce).toBe(true);
    expect(computeDeadline({ limitId: 'CI-27', start: '2026-02-01' }, book).policy.inForce).toBe(false);
  });
});

describe('错误输入', () => {
  it('未知规则、不存在的日期被拒绝', () => {
    expect(refused({ limitId: 'YT-9.9', start: '2026-01-05' }).code).toBe('UNKNOWN_RULE');
    expect(refused({ limitId: 'YT-6.3', start: '2026-02-30' }).code).toBe('INVALID_DATE');
  });
  it('不能暂停的时限（YT-6.2）拒绝暂停', () => {
    expect(refused({ limitId: 'YT-6.2', start: '2026-03-02', pauses: [{ from: '2026-03-03', to: '2026-03-04', reason: '专家评估' }] }).code).toBe('INVALID_PAUSE');
  });
});
