/** 主体 (CI-4): what /api/subjects answers. */
import { SUBJECT_KINDS } from '../domain/vocabulary';
import { ListAbilities, Nullable, PageOf, Type, type Static } from './common';

const Kind = Type.Unsafe<(typeof SUBJECT_KINDS)[number]>({ type: 'string', enum: [...SUBJECT_KINDS] });

/** A subject's abilities for the caller (core/access/record-abilities.ts). */
export const SubjectAbilitiesOut = Type.Object({ read: Type.Boolean(), update: Type.Boolean(), revealIdNumber: Type.Boolean() });

/** One subject as every list and form shows it: ID numbers masked (the full one has its own audited endpoint). */
export const SubjectOut = Type.Object({
  id: Type.String(), kind: Kind, orgType: Nullable(Type.String()), name: Type.String(), creditCode: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()), gender: Nullable(Type.String()), employerId: Nullable(Type.String()), employerName: Nullable(Type.String()),
  isExpert: Type.Boolean(), expertField: Nullable(Type.String()), title: Nullable(Type.String()), regionCode: Type.String(), regionName: Type.String(),
  version: Type.Number(), createdAt: Type.String(), updatedAt: Type.String(), abilities: SubjectAbilitiesOut,
});

/** A relation between a person and an organisation (CI-26). */
export const RelationOut = Type.Object({
  id: Type.String(), kind: Type.String(), personId: Type.String(), personName: Type.String(), organizationId: Type.String(), organizationName: Type.String(),
  since: Nullable(Type.String()), until: Nullable(Type.String()), version: Type.Number(),
});

export const SubjectDetailOut = Type.Object({ ...SubjectOut.properties, relations: Type.Array(RelationOut) });
export const SubjectListOut = Type.Object({ ...PageOf(SubjectOut).properties, abilities: ListAbilities });
export const IdNumberOut = Type.Object({ idNumber: Type.String() });

export type SubjectOut = Static<typeof SubjectOut>;
export type SubjectDetailOut = Static<typeof SubjectDetailOut>;
export type SubjectListOut = Static<typeof SubjectListOut>;

/** A relation as recorded (POST /api/subjects/:id/relations). */
export const CreatedRelationOut = Type.Object({
  id: Type.String(), personId: Type.String(), organizationId: Type.String(), kind: Type.String(), since: Nullable(Type.String()), until: Nullable(Type.String()),
});
