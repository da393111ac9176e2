/**
 * 项目状态的变更 (issue 19, decisions followed through): which decided state a project may enter from
 * which, and how it leaves one. 暂缓、暂停、强制中止 (CI-19.1.2; 暂停 also CI-23) are entered only while
 * the project is under way; 验收不通过 only from an acceptance applied for; a deferred or suspended
 * project resumes (恢复执行) to 执行中. Pure: the server's command checks a change here before writing.
 */
import { HALTED_PROJECT_STATUSES, PROJECT_STATUS_LABEL, type ProjectStatus } from './vocabulary';

/** The changes staff may make through the one status command, each with the clause it rests on. */
export const STATUS_CHANGES: Readonly<Record<string, { from: readonly ProjectStatus[]; clause: string }>> = {
  deferred: { from: ['approved', 'in_progress'], clause: 'CI-19.1.2' },
  suspended: { from: ['approved', 'in_progress', 'acceptance_applied'], clause: 'CI-23' },
  forcibly_halted: { from: ['approved', 'in_progress', 'acceptance_applied', 'deferred', 'suspended'], clause: 'CI-19.1.2' },
  acceptance_failed: { from: ['acceptance_applied'], clause: 'CI-3' },
  // 恢复执行: a deferral or suspension lifted (for a suspension, once the rectification is done, CI-23).
  in_progress: { from: ['deferred', 'suspended'], clause: 'CI-23' },
};
export type StatusChangeTarget = 'deferred' | 'suspended' | 'forcibly_halted' | 'acceptance_failed' | 'in_progress';
export const STATUS_CHANGE_TARGETS = Object.keys(STATUS_CHANGES) as StatusChangeTarget[];

/** Why a project in `from` may not enter `to`, in Chinese with the clause; null when it may. */
export function statusChangeProblem(from: ProjectStatus, to: StatusChangeTarget): { zh: string; clause: string } | null {
  const rule = STATUS_CHANGES[to];
  if (rule.from.includes(from)) return null;
  return { zh: `项目处于“${PROJECT_STATUS_LABEL[from]}”状态，不能变更为“${PROJECT_STATUS_LABEL[to]}”（${rule.clause}）`, clause: rule.clause };
}

/**
 * CI-19.1.2: the years in which a project was deferred, suspended or halted — the history of its
 * changes, each dated — for the recommending department's AA condition of that year.
 */
export function haltedYears(changes: ReadonlyArray<{ to: ProjectStatus; on: string }>): number[] {
  return [...new Set(changes.filter((c) => HALTED_PROJECT_STATUSES.includes(c.to)).map((c) => Number(c.on.slice(0, 4))))].sort();
}
