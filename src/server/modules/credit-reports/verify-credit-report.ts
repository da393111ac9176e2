/**
 * 核验信用报告 (issue 20), for anyone: a verification code finds the summary stored when the report was
 * issued — when, by whom, about whom and what it says — and nothing more (no other record of the
 * subject is read). Given the SHA-256 of a PDF at hand, says whether it is the file issued. A code
 * that is malformed or unknown answers 404 in Chinese.
 */
import { normaliseCode, reportStatements, verificationSentence, type ReportSummary } from '../../../core/credit-report/credit-report';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { creditReportByCode } from './credit-reports-repo';

const notFound = () => new AppError('NOT_FOUND', { field: 'code', zh: '未找到该验证码对应的信用报告，请核对验证码（报告右上角二维码下方）是否输入正确' });

export async function verifyCreditReport(app: AppContext, rawCode: string, sha256: string | undefined) {
  const code = normaliseCode(rawCode);
  if (!code) throw notFound();
  const r = await creditReportByCode(app.db, code);
  if (!r) throw notFound();
  const s = r.summary as ReportSummary;
  return {
    code, issuedOn: s.issuedOn, issuer: s.issuer, subject: s.subject,
    sentence: verificationSentence(s, code),
    statements: reportStatements(s),
    digest: { sha256: r.sha256, sm3: r.sm3 },
    fileMatches: sha256 === undefined ? null : sha256.toLowerCase() === r.sha256,
  };
}
