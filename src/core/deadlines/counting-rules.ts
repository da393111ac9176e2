/**
 * How a period is counted, each rule named and cited (中华人民共和国民法典 第一编第十章 期间计算).
 */
export const COUNTING_RULES = {
  START_NEXT_DAY: {
    id: 'CC-201',
    basis: '民法典第二百零一条',
    summary: '按日、月、年计算期间的，开始的当日不计入，自下一日开始计算。',
  },
  WORKING_DAYS: {
    id: 'X-4',
    basis: '国务院办公厅节假日安排通知（X-4）',
    summary: '以工作日计的期间只计工作日：周末、法定节假日不计，调休上班日计入。',
  },
  MONTH_END: {
    id: 'CC-202',
    basis: '民法典第二百零二条',
    summary: '按月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为最后一日。',
  },
  LAST_DAY_REST: {
    id: 'CC-203',
    basis: '民法典第二百零三条',
    summary: '期间的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日。',
  },
} as const;
