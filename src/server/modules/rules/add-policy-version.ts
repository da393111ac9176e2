/** 登记延续执行或新版本: a policy version added by the integrity section, audited, the registry reloaded. */
import type { Actor } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { DocumentId, PolicyVersion } from '../../../core/policy/registry';
import { isIsoDate } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { insertVersion } from './policy-repo';

export interface AddVersionInput {
  id: string; document: DocumentId; kind: 'extension' | 'successor'; docNo: string; title: string; jurisdiction: string;
  inForceFrom: string; inForceTo: string | null; basis: string; extends?: string;
  /** For a successor: parameters that differ from the version it succeeds (the rest are carried over). */
  parameters?: PolicyVersion['parameters'];
}

/** 登记延续执行 / 新版本. An extension keeps an earlier version's content in force for new dates. */
export async function addPolicyVersion(app: AppContext, actor: Actor, input: AddVersionInput, ip: string | null) {
  if (!isIsoDate(input.inForceFrom) || (input.inForceTo !== null && !isIsoDate(input.inForceTo))) throw new AppError('INVALID_DATE', { field: 'inForceFrom' });
  if (input.inForceTo !== null && input.inForceTo < input.inForceFrom) throw new AppError('INVALID_DATE', { field: 'inForceTo', zh: '失效日期早于施行日期' });
  if (!app.regions.get(input.jurisdiction)) throw new AppError('VALIDATION_FAILED', { field: 'jurisdiction', zh: '行政区划不存在' });
  const registry = app.policies.registry;
  const prior = registry.versions.filter((v) => v.document === input.document && v.inForceFrom < input.inForceFrom).pop();
  let parameters: PolicyVersion['parameters'];
  if (input.kind === 'extension') {
    const base = input.extends ? registry.byId(input.extends) : undefined;
    if (!base || base.document !== input.document) throw new AppError('INCONSISTENT', { field: 'extends', zh: '延续执行须指明被延续的同一文件的版本' });
    parameters = {};
  } else {
    if (!prior) throw new AppError('INCONSISTENT', { field: 'inForceFrom', zh: '新版本须晚于已有版本' });
    parameters = { ...registry.contentOf(prior).parameters, ...(input.parameters ?? {}) };
  }
  const overlapping = registry.versions.filter((v) => v.document === input.document && v.jurisdiction === input.jurisdiction
    && v.inForceFrom <= (input.inForceTo ?? '9999-12-31') && (v.inForceTo ?? '9999-12-31') >= input.inForceFrom);
  if (overlapping.length) throw new AppError('INCONSISTENT', { field: 'inForceFrom', zh: `与已有版本 ${overlapping.map((v) => v.id).join('、')} 的有效期重叠` });
  const version: PolicyVersion = { ...input, extends: input.kind === 'extension' ? input.extends : undefined, parameters };
  await app.db.transaction(async (tx) => {
    try {
      await insertVersion(tx, version, app.clock.now().toISOString(), actor.userId);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('DUPLICATE', { field: 'id', zh: '版本编号已存在' });
      throw e;
    }
    await appendAudit(tx, app, { actor, ip, action: 'policy.version_add', objectType: 'policy', objectId: version.id, after: version });
  });
  await app.policies.refresh(app.db);
  return version;
}
