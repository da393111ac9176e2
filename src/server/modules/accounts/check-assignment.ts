/**
 * What a role assignment must point to (issue 16 H2, and the finding that account creation did not
 * check it): a region of the right bureau level for a regional role, an organisation for a unit
 * administrator, a person for a researcher or expert — each existing — and no anchor the role does not use.
 */
import { ROLE_DEFINITIONS, type Role } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';

export interface Assignment { role: Role; regionCode?: string | null; unitId?: string | null; personId?: string | null }

export async function checkAssignment(app: AppContext, tx: Sql, a: Assignment): Promise<void> {
  const def = ROLE_DEFINITIONS[a.role];
  const region = a.regionCode ? app.regions.get(a.regionCode) : undefined;
  if (a.regionCode && !region) throw new AppError('VALIDATION_FAILED', { field: 'regionCode', zh: `行政区划代码 ${a.regionCode} 不存在` });
  if (def.scope === 'region') {
    if (!region) throw new AppError('VALIDATION_FAILED', { field: 'regionCode', zh: '该角色须指定所属科技部门的行政区划' });
    if (def.bureauLevels && !def.bureauLevels.includes(region.level)) throw new AppError('INCONSISTENT', { field: 'regionCode', zh: '该角色不属于此层级的科技部门' });
  } else if (a.regionCode) throw new AppError('INCONSISTENT', { field: 'regionCode', zh: '该角色没有区划范围' });
  const subject = async (id: string, field: 'unitId' | 'personId', kind: 'organization' | 'person') => {
    const [s] = await tx.query<{ kind: string }>('SELECT kind FROM subjects WHERE id = $1', [id]);
    if (!s) throw new AppError('VALIDATION_FAILED', { field, zh: field === 'unitId' ? '所指的单位不存在' : '所指的人员不存在' });
    if (s.kind !== kind) throw new AppError('INCONSISTENT', { field, zh: field === 'unitId' ? '所指的主体不是单位' : '所指的主体不是个人' });
  };
  if (def.scope === 'unit' || def.scope === 'agency') {
    if (!a.unitId) throw new AppError('VALIDATION_FAILED', { field: 'unitId', zh: def.scope === 'agency' ? '受托管理机构须指定所属机构' : '单位管理员须指定所属单位' });
    await subject(a.unitId, 'unitId', 'organization');
    if (def.scope === 'agency') {
      // CI-32: the account is the agency's, a 科技服务机构 recorded as such.
      const [o] = await tx.query<{ org_type: string | null }>('SELECT org_type FROM subjects WHERE id = $1', [a.unitId]);
      if (o?.org_type !== 'service_agency') throw new AppError('INCONSISTENT', { field: 'unitId', clause: 'CI-32', zh: '受托管理机构须为登记的科技服务机构（CI-32）' });
    }
  } else if (a.unitId) throw new AppError('INCONSISTENT', { field: 'unitId', zh: '该角色不关联单位' });
  if (def.scope === 'self') {
    if (!a.personId) throw new AppError('VALIDATION_FAILED', { field: 'personId', zh: '该角色须关联本人的主体记录' });
    await subject(a.personId, 'personId', 'person');
  } else if (a.personId) throw new AppError('INCONSISTENT', { field: 'personId', zh: '该角色不关联个人' });
}
