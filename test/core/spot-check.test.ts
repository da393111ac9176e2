import { describe, expect, it } from 'vitest';
import { drawSpotCheck, type SpotCheckInput } from '../../src/core/spot-check/draw';

const projects = Array.from({ length: 200 }, (_, i) => ({ id: `P${String(i).padStart(3, '0')}`, unitId: `U${i % 20}`, level: (i % 2 === 0 ? 'A' : 'B') as 'A' | 'B' }));
const inspectors = Array.from({ length: 30 }, (_, i) => ({ id: `E${i}`, unitId: `U${i % 20}` }));
const input: SpotCheckInput = { seed: '2026-楚雄-第1批', baseRatio: 0.1, inspectorsPerProject: 3, projects, inspectors };

describe('随机抽查（CI-21、YT-8）', () => {
  it('CI-21.2 信用良好（A 级）的抽查比例为一般主体的一半：各 100 个项目，一般抽 10 个，A 级抽 5 个', () => {
    const r = drawSpotCheck(input);
    expect(r.groups).toEqual([{ group: 'other', candidates: 100, ratio: 0.1, drawn: 10 }, { group: 'good', candidates: 100, ratio: 0.05, drawn: 5 }]);
    expect(r.draws).toHaveLength(15);
  });
  it('YT-8 按记录的种子可复现：同样的输入（无论顺序）得到同样的结果，换种子则不同', () => {
    const a = drawSpotCheck(input);
    expect(drawSpotCheck({ ...input, projects: [...projects].reverse(), inspectors: [...inspectors].reverse() })).toEqual(a);
    expect(drawSpotCheck({ ...input, seed: '2026-楚雄-第2批' }).draws.map((d) => d.projectId)).not.toEqual(a.draws.map((d) => d.projectId));
  });
  it('YT-8 回避：不抽取与被查项目同一单位的检查人员；每个项目 3 人且不重复', () => {
    const r = drawSpotCheck(input);
    const unitOf = new Map(projects.map((p) => [p.id, p.unitId]));
    const inspectorUnit = new Map(inspectors.map((e) => [e.id, e.unitId]));
    for (const d of r.draws) {
      expect(new Set(d.inspectorIds).size).toBe(3);
      for (const e of d.inspectorIds) expect(inspectorUnit.get(e)).not.toBe(unitOf.get(d.projectId));
    }
    const few = drawSpotCheck({ ...input, inspectors: [{ id: 'E0', unitId: 'U0' }, { id: 'E1', unitId: 'U1' }] });
    expect(few.shortOfInspectors.length).toBeGreaterThan(0);
  });
});

describe('抽查频次（CI-21 第（二）项）', () => {
  it('CI-21 信用良好单位在间隔内已被抽中的，其 A 级项目不再列为候选；B 级单位照常抽取；结果记录被略过的项目', () => {
    // U0 and U2 (A-level: even indexes are A, units U0..U19 by i % 20) were drawn recently; U1 (B) too.
    const r = drawSpotCheck({ ...input, recentlyDrawnUnits: ['U0', 'U1', 'U2'] });
    // A projects of U0: P000, P020, …, P180 (10); of U2: P002, P022, …, P182 (10): 20 left out of 100.
    const skipped = [...Array.from({ length: 10 }, (_, k) => `P${String(k * 20).padStart(3, '0')}`), ...Array.from({ length: 10 }, (_, k) => `P${String(k * 20 + 2).padStart(3, '0')}`)].sort();
    expect(r.skippedForFrequency).toEqual(skipped);
    // 80 good candidates × 0.05 = 4; the 100 others (U1's B projects included) × 0.1 = 10.
    expect(r.groups).toEqual([{ group: 'other', candidates: 100, ratio: 0.1, drawn: 10 }, { group: 'good', candidates: 80, ratio: 0.05, drawn: 4 }]);
    for (const d of r.draws) expect(skipped).not.toContain(d.projectId);
    expect(drawSpotCheck({ ...input, recentlyDrawnUnits: ['U0', 'U1', 'U2'] })).toEqual(r);
    expect(drawSpotCheck(input).skippedForFrequency).toBeUndefined();
  });
});
