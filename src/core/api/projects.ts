/** 项目: what /api/projects answers. */
import { ListAbilities, Nullable, PageOf, Type, type Static } from './common';

/** YT-6.5: the exemption mark with its date and the case that decided it. */
export const ExemptionOut = Type.Object({ on: Type.String(), caseId: Nullable(Type.String()), caseNo: Nullable(Type.String()), clause: Type.String() });

export const ProjectOut = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), planLevel: Type.String(), jurisdictionCode: Type.String(), jurisdictionName: Type.String(),
  regionCode: Type.String(), regionName: Type.String(), fundingSource: Type.String(),
  undertakingUnitId: Type.String(), undertakingUnitName: Type.String(), leaderId: Type.String(), leaderName: Type.String(),
  recommendingDepartmentId: Nullable(Type.String()), recommendingDepartmentName: Nullable(Type.String()),
  serviceAgencyId: Nullable(Type.String()), serviceAgencyName: Nullable(Type.String()),
  startDate: Type.String(), dueDate: Type.String(), extendedDueDate: Nullable(Type.String()), acceptanceDueDate: Type.String(), overdue: Type.Boolean(),
  status: Type.String(), acceptanceAppliedDate: Nullable(Type.String()), acceptedDate: Nullable(Type.String()), terminatedDate: Nullable(Type.String()),
  fundsGranted: Type.String(), version: Type.Number(), updatedAt: Type.String(),
  exemption: Nullable(ExemptionOut),
  /** CI-19.1.2, CI-23: the decision that put the project in its present state (暂缓、暂停、强制中止、验收不通过). */
  statusChange: Nullable(Type.Object({ on: Type.String(), clause: Nullable(Type.String()), reason: Nullable(Type.String()), caseId: Nullable(Type.String()), caseNo: Nullable(Type.String()), rectifyBy: Nullable(Type.String()) })),
  abilities: Type.Object({ read: Type.Boolean(), update: Type.Boolean() }),
});

export const MilestoneOut = Type.Object({ id: Type.String(), seq: Type.Number(), name: Type.String(), dueDate: Type.String(), completedDate: Nullable(Type.String()) });
export const ProjectDetailOut = Type.Object({ ...ProjectOut.properties, milestones: Type.Array(MilestoneOut) });
export const ProjectListOut = Type.Object({ ...PageOf(ProjectOut).properties, abilities: ListAbilities });

export type ProjectOut = Static<typeof ProjectOut>;
export type ProjectDetailOut = Static<typeof ProjectDetailOut>;
