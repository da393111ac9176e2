/**
 * 查看完整身份证号: decrypts one ID number for someone entitled to it; every reveal is audited,
 * because reading protected personal data is itself an act to account for.
 */
import { subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { getSubject, subjectForPolicy } from './subjects-repo';

export async function revealIdNumber(app: AppContext, req: RequestContext, id: string): Promise<string> {
  return app.db.transaction(async (tx) => {
    const s = await getSubject(tx, id);
    const abilities = s ? subjectAbilities(req.actor, req.scope, subjectForPolicy(s)) : null;
    if (!s || !abilities!.read) throw new AppError('NOT_FOUND');
    if (!abilities!.revealIdNumber || !s.id_number_cipher) throw new AppError('FORBIDDEN');
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'subject.reveal_id_number', objectType: 'subject', objectId: id });
    return app.cipher.decrypt(s.id_number_cipher);
  });
}
