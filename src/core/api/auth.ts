/** 登录与当前用户: what /api/auth answers. */
import type { UserAbilities } from '../procedure/user-abilities';
import { Nullable, Ok, Type, type Static } from './common';

const Restriction = Type.Union([Type.Literal('enroll_totp'), Type.Literal('change_password'), Type.Null()]);

/** The signed-in user: permissions and abilities computed by the server (the client never decides from the role). */
export const MeOut = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), role: Type.String(), roleLabel: Type.String(),
  regionCode: Nullable(Type.String()), regionName: Nullable(Type.String()), unitId: Nullable(Type.String()), personId: Nullable(Type.String()),
  permissions: Type.Array(Type.String()),
  /** core/procedure/user-abilities.ts */
  abilities: Type.Unsafe<UserAbilities>(Type.Object({
    starts: Type.Array(Type.String()), handlesCases: Type.Boolean(), seesAreaStatistics: Type.Boolean(), approvesExtensions: Type.Boolean(),
    hasOwnListings: Type.Boolean(), reportsCreditList: Type.Boolean(),
  })),
  /** Whether a TOTP second factor is bound; what a password-only session must do first. */
  secondFactor: Type.Boolean(), restriction: Restriction,
  /** Why the password must be changed first: the one-time initial password, or an expired one. */
  passwordChangeReason: Type.Union([Type.Literal('initial'), Type.Literal('expired')]),
});
export const SessionUserOut = Type.Object({ user: MeOut });
export const TotpSetupOut = Type.Object({ secret: Type.String(), uri: Type.String() });
export const SessionsOut = Type.Object({ items: Type.Array(Type.Object({
  id: Type.String(), createdAt: Type.String(), lastSeenAt: Type.String(), ip: Nullable(Type.String()), userAgent: Nullable(Type.String()), current: Type.Boolean(),
})) });
export { Ok };

export type Me = Static<typeof MeOut>;
