/**
 * Every clause of CI-15 to CI-26 has a rule in the core and a case in test/cases; every rating
 * criterion has a case of its own. A new clause without either fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRITERIA } from '../../src/core/rating/criteria';

const ROOT = path.resolve(__dirname, '../..');
const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const coreText = walk(path.join(ROOT, 'src/core')).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
const caseNames = walk(path.join(ROOT, 'test/cases')).filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => /^\s*- name:/.test(l))).join('\n');

// The clause map's ids for articles 15–26 (CLAUSES.md: CI-16.1–16.4 … CI-25.1–25.4).
const span = (art: number, n: number) => Array.from({ length: n }, (_, i) => `CI-${art}.${i + 1}`);
const CLAUSES = ['CI-15', ...span(16, 4), ...span(17, 4), ...span(18, 4), ...span(19, 4), ...span(20, 4), 'CI-21', 'CI-22', 'CI-23', 'CI-24', ...span(25, 4), 'CI-26'];
const cites = (text: string, id: string) => new RegExp(`${id.replace(/[.]/g, '\\.')}(?!\\d)`).test(text);

describe('规则覆盖：第十五至二十六条每一项都有规则和用例', () => {
  it.each(CLAUSES)('%s 在 src/core 中有规则，在 test/cases 中有用例', (id) => {
    expect(cites(coreText, id), `${id} 没有规则`).toBe(true);
    expect(cites(caseNames, id), `${id} 没有用例`).toBe(true);
  });
  it('CI-16 至 CI-20 的每一个评价标准都有以其条款编号命名的用例', () => {
    const missing = CRITERIA.map((c) => c.id).filter((id) => !cites(caseNames, id));
    expect(missing).toEqual([]);
  });
});
