/**
 * Request and response schemas (TypeBox → JSON Schema): every route validates its input here, and
 * the same schemas produce the OpenAPI document.
 */
import { Type, type Static, type TSchema } from 'typebox';
import {
  FUNDING_SOURCES, ORGANIZATION_TYPES, PLAN_LEVELS, PROJECT_STATUSES, RELATION_KINDS, SUBJECT_KINDS,
} from '../../core/domain/vocabulary';
import { ROLES } from '../../core/access/roles';
import { VETO_BATCH_CAP } from '../modules/integrity/veto-check';

export function StringEnum<const T extends readonly string[]>(values: T, opts: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}

export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Uuid = Type.String({ format: 'uuid' });
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const Money = Type.String({ pattern: '^\\d{1,12}(\\.\\d{1,2})?$', description: '元，最多两位小数' });

export const Page = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const IdParams = Type.Object({ id: Uuid });

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), messageEn: Type.String(), field: Type.Union([Type.String(), Type.Null()]) }),
});

export const SubjectListQuery = Type.Object({
  ...Page,
  kind: Type.Optional(StringEnum(SUBJECT_KINDS)),
  orgType: Type.Optional(StringEnum(ORGANIZATION_TYPES)),
  isExpert: Type.Optional(Type.Boolean()),
  regionCode: Type.Optional(Type.String({ maxLength: 12 })),
  employerId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 50 })),
}, { additionalProperties: false });
export type SubjectListQuery = Static<typeof SubjectListQuery>;

export const CreateSubjectBody = Type.Union([
  Type.Object({
    kind: Type.Literal('organization'), orgType: StringEnum(ORGANIZATION_TYPES), name: Name,
    creditCode: Type.String({ maxLength: 18, minLength: 1 }), regionCode: Type.String({ maxLength: 12 }),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('person'), name: Type.String({ minLength: 1, maxLength: 50 }), idNumber: Type.String({ maxLength: 18, minLength: 1 }),
    employerId: Type.Optional(Uuid), regionCode: Type.Optional(Type.String({ maxLength: 12 })), isExpert: Type.Optional(Type.Boolean()),
    expertField: Type.Optional(Type.String({ maxLength: 50 })), title: Type.Optional(Type.String({ maxLength: 30 })),
  }, { additionalProperties: false }),
]);

export const UpdateSubjectBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(Name),
  creditCode: Type.Optional(Type.String({ maxLength: 18, minLength: 1 })),
  idNumber: Type.Optional(Type.String({ maxLength: 18, minLength: 1 })),
  employerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  regionCode: Type.Optional(Type.String({ maxLength: 12 })),
  isExpert: Type.Optional(Type.Boolean()),
  expertField: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  title: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
}, { additionalProperties: false });

export const CreateRelationBody = Type.Object({
  personId: Uuid,
  kind: StringEnum(RELATION_KINDS),
  since: Type.Optional(IsoDate),
  until: Type.Optional(IsoDate),
}, { additionalProperties: false });

export const RelationParams = Type.Object({ id: Uuid, relationId: Uuid });
export const EndRelationBody = Type.Object({ until: IsoDate, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
/** A relation as the subject page shows it (CI-26 roles and work at a unit), with the dates it held. */
export const RelationResponse = Type.Object({
  id: Uuid, kind: StringEnum(RELATION_KINDS), personId: Uuid, organizationId: Uuid,
  since: Type.Union([IsoDate, Type.Null()]), until: Type.Union([IsoDate, Type.Null()]), version: Type.Integer(),
});

export const ProjectListQuery = Type.Object({
  ...Page,
  regionCode: Type.Optional(Type.String({ maxLength: 12 })),
  status: Type.Optional(Type.Array(StringEnum(PROJECT_STATUSES), { maxItems: 5 })),
  planLevel: Type.Optional(StringEnum(PLAN_LEVELS)),
  fundingSource: Type.Optional(StringEnum(FUNDING_SOURCES)),
  undertakingUnitId: Type.Optional(Uuid),
  leaderId: Type.Optional(Uuid),
  dueYear: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
  overdue: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  sort: Type.Optional(StringEnum(['dueDate', '-dueDate', 'code', '-startDate'] as const)),
}, { additionalProperties: false });
export type ProjectListQuery = Static<typeof ProjectListQuery>;

const MilestoneBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }), dueDate: IsoDate, completedDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
}, { additionalProperties: false });

const projectFields = {
  code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  planLevel: StringEnum(PLAN_LEVELS),
  jurisdictionCode: Type.String({ maxLength: 12 }),
  fundingSource: StringEnum(FUNDING_SOURCES),
  undertakingUnitId: Uuid,
  leaderId: Uuid,
  recommendingDepartmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  serviceAgencyId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  startDate: IsoDate,
  dueDate: IsoDate,
  extendedDueDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  status: StringEnum(PROJECT_STATUSES),
  acceptanceAppliedDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  acceptedDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  terminatedDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  fundsGranted: Money,
  milestones: Type.Optional(Type.Array(MilestoneBody, { maxItems: 50 })),
};
export const CreateProjectBody = Type.Object(projectFields, { additionalProperties: false });
/** CI-19.1.2, CI-3, CI-23: an officer's change of a project's state (a suspension is a decision's, not this). */
export const ChangeProjectStatusBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  to: StringEnum(['deferred', 'forcibly_halted', 'acceptance_failed', 'in_progress'] as const),
  reason: Type.String({ minLength: 2, maxLength: 2000 }),
}, { additionalProperties: false });
export const ProjectStatusOut = Type.Object({
  id: Uuid, code: Type.String(), status: Type.String(), statusLabel: Type.String(), version: Type.Integer(),
  statusChange: Type.Union([Type.Object({
    on: Type.String(), clause: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]),
    caseId: Type.Union([Type.String(), Type.Null()]), caseNo: Type.Union([Type.String(), Type.Null()]), rectifyBy: Type.Union([Type.String(), Type.Null()]),
  }), Type.Null()]),
});
export const UpdateProjectBody = Type.Object({ version: Type.Integer({ minimum: 1 }), ...projectFields }, { additionalProperties: false });

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 32 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
  /** The 6-digit code from the authenticator app, for staff and administrators who have bound one. */
  totp: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
}, { additionalProperties: false });

/** The system administrator names an account; its role, scope and password are not his to give (issue 16 H2). */
export const CreateAccountBody = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9_.-]{3,32}$' }),
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
}, { additionalProperties: false });

export const AuthorizeAccountBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  role: StringEnum(ROLES),
  regionCode: Type.Optional(Type.Union([Type.String({ maxLength: 12 }), Type.Null()])),
  unitId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  personId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}, { additionalProperties: false });

export const AdminGrantBody = Type.Object({
  role: Type.Union([Type.Literal('system_admin'), Type.Literal('security_admin'), Type.Literal('audit_admin')]),
  reason: Type.String({ minLength: 5, maxLength: 500 }),
}, { additionalProperties: false });

export const AuditListQuery = Type.Object({
  ...Page,
  operator: Type.Optional(Type.String({ format: 'uuid', description: '操作人（账号或接口客户端的编号）' })),
  action: Type.Optional(Type.String({ maxLength: 60, description: '操作（core/audit/events.ts 的键）' })),
  objectType: Type.Optional(Type.String({ maxLength: 40, description: '对象类型' })),
  objectId: Type.Optional(Type.String({ maxLength: 60, description: '对象编号' })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
  from: Type.Optional(Type.String({ format: 'date', description: '起始日期（北京时间，含当日）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截止日期（北京时间，含当日）' })),
}, { additionalProperties: false });

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const AuditEventOut = Type.Object({
  seq: Type.Integer(), at: Type.String({ description: 'ISO 时刻' }),
  actorUserId: Nullable(Type.String()), operatorUsername: Nullable(Type.String()), operatorName: Nullable(Type.String()),
  actorRole: Nullable(Type.String()), roleLabel: Type.String({ description: '角色的中文名称；无操作人时为“系统”' }), actorRegion: Nullable(Type.String()),
  action: Type.String(), actionLabel: Type.String(), objectType: Nullable(Type.String()), objectTypeLabel: Type.String(), objectId: Nullable(Type.String()),
  outcome: Type.String(), before: Type.Unknown({ description: '变更前（身份证号已遮蔽）' }), after: Type.Unknown({ description: '变更后（身份证号已遮蔽）' }),
  ip: Nullable(Type.String()), hash: Type.String(),
});
export const AuditPageOut = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(AuditEventOut) });
export const AuditOperatorsOut = Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), roleLabel: Type.String() })) });

export const LoginLogQuery = Type.Object({
  ...Page,
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: '账号（用户名）' })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
  from: Type.Optional(Type.String({ format: 'date', description: '起始日期（北京时间，含当日）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截止日期（北京时间，含当日）' })),
}, { additionalProperties: false });
export const LoginLogOut = Type.Object({
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
  items: Type.Array(Type.Object({
    seq: Type.Integer(), at: Type.String(), userId: Nullable(Type.String()), username: Nullable(Type.String({ description: '仅当有此账号时记录' })),
    displayName: Nullable(Type.String()), role: Nullable(Type.String()), roleLabel: Type.String(), ip: Nullable(Type.String()),
    outcome: Type.String(), reason: Type.String({ description: '失败原因或登录后的限制，中文' }), detail: Type.Unknown(),
  })),
});

export type { Static, TSchema };

const HolidayRangeBody = Type.Object({ from: IsoDate, to: IsoDate, name: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });
export const HolidayNoticeBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  notice: Type.String({ minLength: 1, maxLength: 100 }),
  published: IsoDate,
  off: Type.Array(HolidayRangeBody, { maxItems: 20 }),
  workdays: Type.Array(IsoDate, { maxItems: 20 }),
}, { additionalProperties: false });

export const LocalHolidayBody = Type.Object({
  jurisdiction: Type.String({ maxLength: 12 }), from: IsoDate, to: IsoDate,
  name: Type.String({ minLength: 1, maxLength: 20 }), source: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const DeadlinePreviewBody = Type.Object({
  limitId: Type.String({ maxLength: 20 }),
  start: IsoDate,
  jurisdictionCode: Type.Optional(Type.String({ maxLength: 12 })),
  pauses: Type.Optional(Type.Array(Type.Object({ from: IsoDate, to: IsoDate, reason: Type.String({ maxLength: 20 }) }, { additionalProperties: false }), { maxItems: 10 })),
  extensions: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
  reading: Type.Optional(StringEnum(['calendar_days_roll', 'working_days'] as const)),
}, { additionalProperties: false });

export const PauseBody = Type.Object({
  from: IsoDate, reason: Type.String({ minLength: 1, maxLength: 20 }), evidence: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export const ResumeBody = Type.Object({ to: IsoDate }, { additionalProperties: false });
export const ExtendBody = Type.Object({ approvedOn: IsoDate }, { additionalProperties: false });
export const StopBody = Type.Object({ on: IsoDate }, { additionalProperties: false });

const SubjectTypeSchema = StringEnum(['unit', 'leader', 'expert', 'recommender', 'agency'] as const);
const LevelSchema = StringEnum(['AA', 'A', 'B', 'C'] as const);

export const RecordFindingBody = Type.Object({
  subjectId: Uuid, subjectType: SubjectTypeSchema, clause: Type.String({ pattern: '^CI-\\d+(\\.\\d+)+$', maxLength: 20 }), factDate: IsoDate,
  met: Type.Optional(Type.Boolean()), description: Type.String({ minLength: 1, maxLength: 1000 }),
  sourceKind: StringEnum(['application', 'contract', 'commitment', 'evaluation', 'report', 'audit_report', 'acceptance', 'investigation'] as const),
  sourceDocument: Type.String({ minLength: 1, maxLength: 200 }), projectId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}, { additionalProperties: false });

/** An upload's name (the body is the file itself; its type is decided from the bytes). */
export const FileNameQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });
/** A file kept as a fact's evidence (CI-5 source document, CI-9 signed scan), with its digests. */
export const FactFileAnswer = Type.Object({
  id: Uuid, fileName: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(), sm3: Type.String(), createdAt: Type.String(),
});

/** Issue 19: an expert's review assignment (a call or a project, recusal declared or not) or an agency's service on a project. */
export const RecordParticipationBody = Type.Object({
  subjectId: Uuid, kind: StringEnum(['review', 'service'] as const), onDate: IsoDate,
  callRef: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '申报批次或指南的编号、名称' })),
  projectId: Type.Optional(Uuid), recusalDeclared: Type.Optional(Type.Boolean()), note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export const ParticipationRecorded = Type.Object({
  id: Uuid, kind: StringEnum(['review', 'service'] as const), callRef: Nullable(Type.String()), projectId: Nullable(Uuid), projectCode: Nullable(Type.String()),
  onDate: IsoDate, recusalDeclared: Nullable(Type.Boolean()), year: Type.Integer(),
});
export const ParticipationList = Type.Object({
  items: Type.Array(Type.Object({
    id: Uuid, kind: StringEnum(['review', 'service'] as const), callRef: Nullable(Type.String()), projectId: Nullable(Uuid), projectCode: Nullable(Type.String()),
    projectName: Nullable(Type.String()), onDate: IsoDate, recusalDeclared: Nullable(Type.Boolean()), note: Nullable(Type.String()),
    recordedBy: Nullable(Type.String()), recordedAt: Type.String(),
  })),
  /** The years the ratings count as taken part in (CI-18.2, CI-20.2), whatever wrote them. */
  activeYears: Type.Array(Type.Object({ year: Type.Integer(), kind: Type.String() })),
  /** What may be recorded for this subject: review assignments (an expert), services (an agency), or nothing. */
  recordable: Nullable(StringEnum(['review', 'service'] as const)),
  abilities: Type.Object({ record: Type.Boolean() }),
});

const Reason = Type.String({ minLength: 5, maxLength: 2000, pattern: '\\S', description: '撤销或更正的理由（至少 5 个字）' });
export const WithdrawFindingBody = Type.Object({ reason: Reason }, { additionalProperties: false });
/** A correction names what changes (at least one field) and why; the old finding is kept, withdrawn, and the corrected one names it. */
export const CorrectFindingBody = Type.Object({
  reason: Reason, clause: Type.Optional(Type.String({ pattern: '^CI-\\d+(\\.\\d+)+$', maxLength: 20 })), factDate: Type.Optional(IsoDate), met: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  sourceKind: Type.Optional(StringEnum(['application', 'contract', 'commitment', 'evaluation', 'report', 'audit_report', 'acceptance', 'investigation'] as const)),
  sourceDocument: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), projectId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}, { additionalProperties: false });

export const RatingRunBody = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), regionCode: Type.String({ maxLength: 12 }) }, { additionalProperties: false });
/** What a year's (re-)run did (CI-15): unchanged results keep their publication; changed ones start a new comment window. */
export const RatingRunAnswer = Type.Object({
  year: Type.Integer(), regionCode: Type.String(), rated: Type.Integer(), byLevel: Type.Record(Type.String(), Type.Integer()), determinationRequired: Type.Integer(),
  warnings: Type.Array(Type.String()), unchanged: Type.Integer(), changed: Type.Integer(), added: Type.Integer(),
});
export const ComputeRatingBody = Type.Object({ subjectType: SubjectTypeSchema, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const PreviewRatingBody = Type.Object({ subjectType: SubjectTypeSchema, year: Type.Integer({ minimum: 2000, maximum: 2100 }), versionId: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
export const DetermineBody = Type.Object({ level: LevelSchema, reason: Type.String({ minLength: 5, maxLength: 2000 }), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const RatingListQuery = Type.Object({
  ...Page, year: Type.Integer({ minimum: 2000, maximum: 2100 }), subjectType: Type.Optional(SubjectTypeSchema),
  level: Type.Optional(StringEnum(['AA', 'A', 'B', 'C', 'none', 'pending'] as const)), regionCode: Type.Optional(Type.String({ maxLength: 12 })),
}, { additionalProperties: false });

export const AddPolicyVersionBody = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9-]{3,40}$' }), document: StringEnum(['YT', 'CI', 'CR'] as const), kind: StringEnum(['extension', 'successor'] as const),
  docNo: Type.String({ minLength: 1, maxLength: 60 }), title: Type.String({ minLength: 1, maxLength: 100 }), jurisdiction: Type.String({ maxLength: 12 }),
  inForceFrom: IsoDate, inForceTo: Type.Union([IsoDate, Type.Null()]), basis: Type.String({ minLength: 1, maxLength: 500 }),
  extends: Type.Optional(Type.String({ maxLength: 40 })),
  parameters: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.Object({ value: Type.Union([Type.Number(), Type.String({ maxLength: 100 })]), basis: Type.String({ maxLength: 300 }) }))),
}, { additionalProperties: false });

export const StartToleranceBody = Type.Object({
  projectId: Uuid,
  failure: Type.String({ minLength: 1, maxLength: 2000 }),
  conditions: Type.Record(Type.String({ pattern: '^YT-4\\.[1-6]$' }), Type.String({ minLength: 1, maxLength: 2000 })),
  circumstances: Type.Array(Type.String({ pattern: '^YT-5\\.([1-9]|10)$' }), { maxItems: 10 }),
  accountabilityStartedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  exOfficio: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/**
 * A body whose exact schema depends on what it names (a start, a step): the OpenAPI document shows
 * every variant (`anyOf`), the edge checks only the envelope, and the command checks the variant named,
 * so a refusal speaks of that variant's fields (server.ts reads `x-envelope`).
 */
export function commandValidated(envelope: TSchema, variants: TSchema[]): TSchema {
  return { anyOf: variants, 'x-envelope': envelope } as unknown as TSchema;
}

export const StartSupervisionBody = Type.Union([
  Type.Object({ procedure: Type.Literal('inspection'), target: Type.String({ minLength: 2, maxLength: 200 }), scope: Type.String({ minLength: 2, maxLength: 2000 }), unitId: Type.Optional(Type.Union([Uuid, Type.Null()])) }, { additionalProperties: false }),
  Type.Object({ procedure: Type.Literal('midterm_check'), projectId: Uuid }, { additionalProperties: false }),
  Type.Object({
    procedure: Type.Literal('major_change'), projectId: Uuid,
    kind: Type.Union([Type.Literal('leader'), Type.Literal('content'), Type.Literal('budget'), Type.Literal('extension')]),
    description: Type.String({ minLength: 1, maxLength: 4000 }), requestedDueDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  }, { additionalProperties: false }),
]);

/** 一票否决审查 (CI-10): one call's applicants, for staff and for API clients alike. */
export const VetoCheckBody = Type.Object({
  on: IsoDate,
  callRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '申报批次；批量审查必填，一并核对诚信承诺书（CI-9）' })),
  applicants: Type.Array(Type.Object({
    ref: Type.String({ minLength: 1, maxLength: 64 }),
    creditCode: Type.Optional(Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })),
    idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '个人的姓名（按身份证号审查时必填）' })),
  }, { additionalProperties: false }), { minItems: 1, maxItems: VETO_BATCH_CAP }),
}, { additionalProperties: false });
