/**
 * `kexin import FILE --kind units|persons|projects|relations --as USERNAME [--dry-run] [--map MAP.json]`:
 * the first load of a bureau (issue 19) from the command line, as the named account (its role must
 * hold data.import; its data scope applies). With --dry-run it prints the report and writes nothing;
 * without, the command is the confirmation: a clean file is written in one transaction with the plan
 * the dry run would have shown; a file with any problem writes nothing. Exit 0 written or clean, 1
 * problems found, 2 bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataScope } from '../core/access/policy';
import { hasPermission } from '../core/access/roles';
import { AppError } from '../core/errors';
import { IMPORT_KINDS, type ColumnMap, type ImportKind } from '../core/imports/templates';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { actorOf } from '../server/modules/accounts/login';
import { findUserByUsername } from '../server/modules/accounts/users-repo';
import { applyImport } from '../server/modules/imports/apply-import';
import { previewImport } from '../server/modules/imports/preview-import';

const USAGE = '用法：kexin import 文件（.xlsx 或 .csv） --kind units|persons|projects|relations --as 用户名 [--dry-run] [--map 列映射.json]';

export async function runImport(args: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): Promise<number> {
  const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const file = args[0];
  const kind = opt('--kind') as ImportKind | undefined;
  const username = opt('--as');
  if (!file || file.startsWith('--') || !kind || !IMPORT_KINDS.includes(kind) || !username) { err(USAGE); return 2; }
  if (!fs.existsSync(file)) { err(`错误：找不到文件 ${file}`); return 2; }
  let map: ColumnMap = {};
  const mapFile = opt('--map');
  if (mapFile) {
    try { map = JSON.parse(fs.readFileSync(mapFile, 'utf8')); } catch { err(`错误：列映射文件 ${mapFile} 不是合法的 JSON`); return 2; }
  }
  const app = await createApp(loadConfig(), { demo: false });
  try {
    const user = await findUserByUsername(app.db, username);
    if (!user || user.disabled) { err(`错误：账号 ${username} 不存在或已停用`); return 2; }
    if (!hasPermission(user.role, 'data.import')) { err(`错误：账号 ${username} 的角色无权导入数据（须为业务科室或科研诚信管理科室工作人员）`); return 2; }
    const actor = actorOf(user);
    const req = { actor, scope: dataScope(actor, app.regions), ip: null };
    const bytes = fs.readFileSync(file);
    const fileName = path.basename(file);
    const report = await previewImport(app, req, kind, { bytes, fileName }, map);
    out(`${fileName}（${report.format}，${report.rows} 行）SHA-256 ${report.sha256}，SM3 ${report.sm3}`);
    out(`新增 ${report.counts.new}，变更 ${report.counts.changed}，未变 ${report.counts.unchanged}，问题 ${report.problemCount}`);
    for (const p of report.problems.slice(0, 200)) out(`  第 ${p.row} 行 ${p.column} [${p.code}] ${p.zh}`);
    if (report.problemCount > 200) out(`  ……另有 ${report.problemCount - 200} 处问题`);
    if (report.problemCount) { err('文件有问题，未写入任何数据；请修正后重新运行'); return 1; }
    if (args.includes('--dry-run')) {
      for (const c of report.changes.slice(0, 50)) out(`  第 ${c.row} 行 ${c.key}：${c.change === 'new' ? '新增' : `变更 ${c.fields.map((f) => f.label).join('、')}`}`);
      out('试运行：未写入任何数据');
      return 0;
    }
    if (!report.token) { out('与库中数据相同，没有需要写入的变更'); return 0; }
    const done = await applyImport(app, req, kind, { bytes, fileName }, map, report.token);
    out(`已导入（批次 ${done.batchId}）：新增 ${done.counts.new}，变更 ${done.counts.changed}，未变 ${done.counts.unchanged}`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) { err(`错误：${e.messageZh}`); return e.code === 'VALIDATION_FAILED' ? 1 : 2; }
    throw e;
  } finally {
    await app.db.close();
  }
}
