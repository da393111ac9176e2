/**
 * 信用评价复核 (楚科规〔2022〕5号 第十五条 and the bureau's reading): a rating in effect may be reviewed
 * at the rated subject's request — the person, or for a unit its administrator — within a period from
 * the day it took effect (CI-15.review.apply, a setting: the text gives none); the integrity section
 * decides within a period of its own (CI-15.review, a setting), maintaining the level or changing it.
 * During the review it may withdraw or correct a finding (the rating is then recomputed); the decision
 * fixes the level, by the corrected finding or by a determination with reasons. The level decided
 * stands in place of the one reviewed from the day that took effect (a correction, not a new rating,
 * so it needs no new comment window: the subject has been heard in the review); the old level is kept
 * as a revision. The veto (CI-10) and the spot checks (CI-14, CI-21) read the level so decided.
 */
import { Type } from 'typebox';
import { isRatedSubject } from '../access/record-abilities';
import { TIME_LIMITS, limitFigures } from '../deadlines/time-limits';
import { LEVEL_LABEL, SUBJECT_TYPE_LABEL, type Level, type SubjectType } from '../rating/criteria';
import { Choice, LongText, withNote } from './common';
import { requestStart, step, type ProcedureDef } from './engine';

export interface RatingReviewData {
  ratingId: string;
  subjectId: string;
  subjectType: string;
  year: number;
  /** The level under review and when it took effect, as they stood when the review was asked for. */
  levelAtStart: string | null;
  publishedAt: string | null;
  grounds: string;
  history: Array<{ step: string; note: string }>;
  decision?: { outcome: 'maintain' | 'change'; level: string | null; reasons: string };
}

const INTEGRITY = ['integrity_officer'] as const;
const SUBJECT = ['researcher', 'unit_admin'] as const;
const LEVELS = ['AA', 'A', 'B', 'C'] as const;
const s = step<RatingReviewData>();
const levelText = (l: string | null | undefined) => (l ? LEVEL_LABEL[l as Level] ?? l : '未评级');

export const RATING_REVIEW: ProcedureDef<RatingReviewData> = {
  id: 'rating_review',
  title: '信用评价复核',
  clause: 'CI-15',
  family: 'integrity',
  states: [
    { id: 'applied', label: '复核中' },
    { id: 'maintained', label: '维持原评价', terminal: true },
    { id: 'changed', label: '变更评价等级', terminal: true },
    { id: 'withdrawn', label: '申请人撤回', terminal: true },
  ],
  starts: [
    requestStart<RatingReviewData>()({
      id: 'apply', state: 'applied', roles: SUBJECT, clause: 'CI-15', label: '被评价主体申请复核', opens: ['CI-15.review'], loads: { rating: 'ratingId' },
      input: Type.Object({ ratingId: Type.String({ format: 'uuid', title: '信用评价' }), grounds: LongText('申请复核的事实和理由', 10) }, { additionalProperties: false }),
      requires: [
        { id: 'rated_subject', clause: 'CI-15', field: 'ratingId', zh: '只有被评价主体本人（单位由其单位管理员）可以申请复核',
          // The one predicate the comments list's mayRequestReview reads (core/access/record-abilities.ts); the start's roles come first.
          met: (_i, f, env) => isRatedSubject(env.actor, f.rating!.subjectId) },
        { id: 'rating_in_effect', clause: 'CI-15', field: 'ratingId', zh: '该评价尚未生效：生效前请在意见期内对评价提出意见', met: (_i, f) => !!f.rating!.publishedOn },
        { id: 'within_review_period', clause: 'CI-15', field: 'ratingId', zh: `已超过申请复核的期限：评价生效之日起 ${limitFigures(TIME_LIMITS['CI-15.review.apply']).amount} 个工作日内可申请（本局设定）`,
          met: (_i, f, env) => !f.rating!.reviewUntil || !env.today || env.today <= f.rating!.reviewUntil },
        { id: 'no_open_review', clause: 'CI-15', field: 'ratingId', zh: '该评价已有正在办理的复核申请', met: (_i, f) => !f.rating!.openReviewCaseId },
      ],
      open: (i, f) => ({
        jurisdictionCode: f.rating!.jurisdictionCode, projectId: null,
        unitId: f.rating!.subjectKind === 'organization' ? f.rating!.subjectId : null, applicantPersonId: f.rating!.subjectKind === 'person' ? f.rating!.subjectId : null,
        data: {
          ratingId: f.rating!.id, subjectId: f.rating!.subjectId, subjectType: f.rating!.subjectType, year: f.rating!.year,
          levelAtStart: f.rating!.level, publishedAt: f.rating!.publishedAt, grounds: i.grounds, history: [],
        },
      }),
    }),
  ],
  steps: [
    s({
      id: 'maintain', label: '复核维持原评价', clause: 'CI-15', from: ['applied'], to: 'maintained', roles: INTEGRITY, stops: ['CI-15.review'], notify: ['unit_admin'],
      effects: ['decide_rating_review'], input: Type.Object({ reasons: LongText('复核意见', 10) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'maintain', '复核维持原评价'), decision: { outcome: 'maintain', level: null, reasons: i.reasons } }),
    }),
    s({
      id: 'change', label: '复核变更评价等级', clause: 'CI-15', from: ['applied'], to: 'changed', roles: INTEGRITY, stops: ['CI-15.review'], notify: ['unit_admin'],
      effects: ['decide_rating_review'],
      input: Type.Object({ level: Choice('复核后的等级（CI-15）', LEVELS, LEVEL_LABEL as Record<(typeof LEVELS)[number], string>), reasons: LongText('复核意见（变更的事实和依据）', 10) }, { additionalProperties: false }),
      check: (c, i) => (i.level === c.data.levelAtStart ? { zh: `复核后的等级与原评价相同（${i.level}），应选择维持原评价`, field: 'level' } : null),
      apply: (d, i) => ({ ...withNote(d, 'change', `复核变更为 ${i.level}`), decision: { outcome: 'change', level: i.level, reasons: i.reasons } }),
    }),
    s({
      id: 'withdraw', label: '撤回复核申请', clause: 'CI-15', from: ['applied'], to: 'withdrawn', roles: SUBJECT, stops: ['CI-15.review'], notify: ['integrity_officer'],
      input: Type.Object({ reason: Type.Optional(LongText('撤回理由', 2)) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'withdraw', i.reason ?? '申请人撤回'),
    }),
  ],
  view: {
    summary: { reads: ['year', 'subjectType'], text: (d) => `${d.year} 年度${SUBJECT_TYPE_LABEL[d.subjectType as SubjectType] ?? d.subjectType}信用评价` },
    parties: [{ label: '申请人（被评价主体）', key: 'subjectId', kind: 'subject' }],
    facts: [
      { label: '复核的评价', clause: 'CI-15', value: (d) => `${d.year} 年度 ${SUBJECT_TYPE_LABEL[d.subjectType as SubjectType] ?? d.subjectType}：${levelText(d.levelAtStart)}${d.publishedAt ? `，${d.publishedAt.slice(0, 10)} 生效` : ''}` },
      { label: '申请复核的事实和理由', clause: 'CI-15', value: (d) => d.grounds },
      { label: '复核决定', clause: 'CI-15', value: (d) => (d.decision ? `${d.decision.outcome === 'change' ? `变更为 ${levelText(d.decision.level)}` : '维持原评价'}：${d.decision.reasons}` : null) },
    ],
  },
};
