/**
 * 汇编失败原因分析报告 (YT-11): a county or prefecture bureau compiles the submitted failure-analysis
 * reports of the cases it handled in a year into one package for the province — a cover list, the
 * reports, a summary — as DOCX and PDF in GB/T 9704 form. The package is recorded (region, year, the
 * reports, the digests of both files) and audited in one transaction; compiling again replaces it.
 */
import crypto from 'node:crypto';
import { caseNumber } from '../../../core/documents/templates';
import { failurePackageContent, failurePackageDue, type FailurePackageFacts } from '../../../core/documents/failure-package';
import { AppError } from '../../../core/errors';
import { bureauFor } from '../../../core/regions/yunnan';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { loadRenderers, renderDocx, renderPdf } from '../documents/render';
import { reportsToPackage, upsertPackage } from './failure-packages-repo';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

export async function compileFailurePackage(app: AppContext, req: RequestContext, year: number) {
  const region = req.actor.regionCode ? app.regions.get(req.actor.regionCode) : undefined;
  if (!region) throw new AppError('FORBIDDEN', { zh: '只有州（市）、县科技部门可以汇编失败原因分析报告' });
  if (region.level === 'province') throw new AppError('VALIDATION_FAILED', { field: 'year', zh: '省科技厅直接评估所办案件的报告，无须汇编报送（YT-11）', clause: 'YT-11' });
  await loadRenderers('pdf', app.config.cjkFont ?? null);
  const rows = await reportsToPackage(app.db, region.code, year);
  const facts: FailurePackageFacts = {
    regionCode: region.code, regionName: region.name, issuer: bureauFor(region).name, year, today: businessDate(app.clock),
    reports: rows.map((r) => ({ caseNo: caseNumber(r.id), project: r.project_name ? `${r.project_name}（${r.project_code}）` : null, causes: r.data.report.causes, lessons: r.data.report.lessons, findings: r.data.report.findings ?? '' })),
  };
  const content = failurePackageContent(facts);
  const docx = await renderDocx(content);
  const pdf = await renderPdf(content, app.config.cjkFont ?? null, app.clock.now());
  const at = app.clock.now().toISOString();
  await app.db.transaction(async (tx) => {
    await upsertPackage(tx, { regionCode: region.code, year, caseIds: rows.map((r) => r.id), docxSha256: sha(docx), pdfSha256: sha(pdf), userId: req.actor.userId, at });
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'failure_package.compile', objectType: 'failure_package', objectId: `${region.code}-${year}`,
      after: { year, reports: rows.length, caseIds: rows.map((r) => r.id), docxSha256: sha(docx), pdfSha256: sha(pdf), due: failurePackageDue(year), clause: 'YT-11' } });
  });
  return { regionCode: region.code, year, reports: rows.length, docx, pdf };
}
