/**
 * 科研失信行为案件 (楚科规〔2022〕5号 第二十二条起) declared for the procedure engine — its opening
 * stage: a lead arrives (here a tolerance application referred as malicious or fraudulent, YT-14 /
 * X-2) and the bureau files it for investigation or declines to. The investigation, severity (CI-24)
 * and sanction (CI-25) steps join this declaration with the integrity procedures.
 */
import { withNote } from './common';
import type { ProcedureDef } from './engine';

export interface MisconductCaseData {
  source: 'tolerance_referral' | 'complaint' | 'audit' | 'spot_check';
  /** The case it came from, e.g. the tolerance case referred under X-2. */
  sourceCaseId: string | null;
  projectId: string | null;
  grounds: string;
  history: Array<{ step: string; note: string }>;
}

const HANDLERS = ['integrity_officer', 'business_officer', 'county_officer'] as const;

export const MISCONDUCT_CASE: ProcedureDef<MisconductCaseData> = {
  id: 'misconduct',
  title: '科研失信行为调查',
  clause: 'CI-22',
  states: [
    { id: 'referred', label: '待立案' },
    { id: 'investigating', label: '立案调查中' },
    { id: 'dismissed', label: '不予立案', terminal: true },
  ],
  starts: [
    { state: 'referred', roles: ['business_officer', 'county_officer'], clause: 'X-2', label: '恶意或弄虚作假的容错申请移送失信处理' },
  ],
  transitions: [
    {
      id: 'file', label: '立案调查', clause: 'CI-22', from: ['referred'], to: 'investigating', roles: HANDLERS,
      apply: (d, i) => withNote(d, 'file', String(i.opinion ?? '立案调查')),
    },
    {
      id: 'dismiss', label: '不予立案', clause: 'CI-22', from: ['referred'], to: 'dismissed', roles: HANDLERS,
      guard: (_c, i) => (typeof i.reason === 'string' && i.reason.trim().length >= 5 ? null : { zh: '须写明不予立案的理由（至少 5 个字）', field: 'reason' }),
      apply: (d, i) => withNote(d, 'dismiss', String(i.reason)),
    },
  ],
};
