/** 行政区划与科技部门: what /api/regions answers. */
import { Nullable, Type, type Static } from './common';

export const RegionOut = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Nullable(Type.String()), standardCode: Type.Boolean(),
  bureau: Nullable(Type.String()), leadershipBody: Nullable(Type.String()), inMyScope: Type.Boolean(),
});
export const RegionListOut = Type.Object({ items: Type.Array(RegionOut) });

export const RegionDetailOut = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Nullable(Type.String()), standardCode: Type.Boolean(),
  path: Type.String({ description: '上级区划至本级的名称，以“ / ”分隔' }),
  bureau: Nullable(Type.String()), leadershipBody: Nullable(Type.String()),
  sections: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String() })),
  children: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});

export type RegionOut = Static<typeof RegionOut>;
