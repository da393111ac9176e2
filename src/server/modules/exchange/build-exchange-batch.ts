/**
 * 生成报送批次 (issue 20): what changed since the last acknowledged batch, for the credit platform
 * (the bureau's listings: new ones, CI-27; ended ones, CI-28; repaired ones, CI-31; corrected ones; and the
 * sanctions published under CI-25.4 that have no listing, with the same operations) or
 * for the provincial project system (exemption marks, YT-6.5). The number, the reading of what was
 * acknowledged and of the records, the batch's bytes with SHA-256 and SM3, the export log line and the
 * audit event are one transaction, so numbers are gap-free and a batch is exactly what was planned.
 * Nothing changed: no batch and no number.
 */
import crypto, { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import { batchText, creditRow, listingStatus, planIncrement, sanctionRow, sanctionStatus, type CurrentItem, type ExchangeTarget } from '../../../core/exchange/credit-exchange';
import { bureauFor } from '../../../core/regions/yunnan';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { exemptionMarks } from '../exports/export-exemption-marks';
import { insertExport } from '../exports/exports-repo';
import { listingsForPlatform } from '../integrity/listings-repo';
import { acknowledgedItems, insertBatch, nextExchangeSeq, publishedSanctionsForPlatform } from './exchange-repo';

export interface BuiltBatch { id: string; seq: number; target: ExchangeTarget; jurisdiction: string; count: number; sha256: string; sm3: string; body: Buffer }

class NothingToSend extends Error {}

/** The records of the bureau's area (its own and its counties', as the CI-27 export and the YT-6.5 export read them), each with its status today. */
async function currentItems(app: AppContext, tx: Sql, req: RequestContext, target: ExchangeTarget, today: string): Promise<CurrentItem[]> {
  if (target === 'credit_platform') {
    const decidedBy = (code: string) => { const region = app.regions.get(code); return region ? bureauFor(region).name : code; };
    const listings = await listingsForPlatform(tx, req.scope, today, { inForceOnly: false });
    const listed = listings.flatMap((l) => { const status = listingStatus(l, today); return status ? [{ itemId: l.id, status, row: { ...creditRow(l, decidedBy(l.jurisdictionCode)) } }] : []; });
    // CI-25.4: a sanction made public that never became a listing goes as a record of its own (itemId: the sanction).
    const sanctions = await publishedSanctionsForPlatform(tx, req.scope, today);
    const published = sanctions.flatMap((x) => { const status = sanctionStatus(x, today); return status ? [{ itemId: x.id, status, row: { ...sanctionRow(x, decidedBy(x.jurisdictionCode)) } }] : []; });
    return [...listed, ...published];
  }
  const marks = await exemptionMarks(app, req, null, tx);
  return marks.map(({ projectId, ...m }) => ({ itemId: projectId, status: 'active' as const, row: { ...m } }));
}

export async function buildExchangeBatch(app: AppContext, req: RequestContext, target: ExchangeTarget): Promise<BuiltBatch | null> {
  const jurisdiction = req.actor.regionCode;
  if (!jurisdiction) throw new AppError('FORBIDDEN', { zh: '只有科研诚信管理科室可以生成报送批次' });
  const today = businessDate(app.clock);
  const at = app.clock.now().toISOString();
  try {
    return await app.db.transaction(async (tx) => {
      const seq = await nextExchangeSeq(tx, jurisdiction, target);
      const items = planIncrement(await acknowledgedItems(tx, jurisdiction, target), await currentItems(app, tx, req, target, today));
      if (items.length === 0) throw new NothingToSend();
      const text = batchText({ target, jurisdiction, seq, createdAt: at }, items);
      const body = Buffer.from(text, 'utf8');
      const sha256 = crypto.createHash('sha256').update(body).digest('hex');
      const sm3 = sm3Hex(text);
      const id = randomUUID();
      const exportId = randomUUID();
      await insertExport(tx, { id: exportId, kind: target === 'credit_platform' ? 'credit_exchange' : 'exemption_exchange', format: 'json', jurisdictionCode: jurisdiction, itemIds: items.map((i) => i.itemId), sha256, userId: req.actor.userId, at });
      await insertBatch(tx, { id, jurisdiction, target, seq, exportId, body: text, sha256, sm3, items, userId: req.actor.userId, at });
      const operations: Record<string, number> = {};
      for (const i of items) operations[i.operation] = (operations[i.operation] ?? 0) + 1;
      await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'exchange.batch', objectType: 'exchange_batch', objectId: id, after: { target, jurisdiction, seq, count: items.length, operations, sha256, sm3 } });
      return { id, seq, target, jurisdiction, count: items.length, sha256, sm3, body };
    });
  } catch (e) {
    if (e instanceof NothingToSend) return null;
    throw e;
  }
}
