import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { judgeSparsitySamples, samplesNeeded, type SparsityCell, sparsitySamples } from './sparsity-samples.js';

describe('tikeng-sparsity-samples', () => {
  it('quick: s = 5 recovers from N = 20, s = 15 only from N = 60, with a delay where recovery starts that shrinks as N grows', async () => {
    const report = await runQuick(sparsitySamples);
    for (const check of ['a* is recovered once N is large enough', 'the N needed grows with s', 'where recovery starts', 't₂ shrinks as N grows']) {
      const c = comparison(report, check);
      expect(c.verdict, `${c.quantity}: ${c.measured}`).toBe('reproduced');
    }
    expect(comparison(report, 'the N needed').measured).toBe('s 5: N ≥ 20, s 15: N ≥ 60');
    for (const plot of ['phase.png', 'delay.png']) expect(existsSync(join(report.out, plot))).toBe(true);
  }, 240_000);

  it('its checks fail when recovery does not need more N for denser a*, comes without delay, a row is not monotone, or t₂ grows with N', () => {
    // s 2 recovers from N 20, s 8 from N 40; t₂ falls with N; t₁ = 10
    const cell = (s: number, N: number, t2: number | null, t1: number | null = 10): SparsityCell => ({ s, N, t1, t2 });
    const phase = [cell(2, 20, 5e4), cell(2, 40, 2e4), cell(2, 60, 8e3), cell(8, 20, null), cell(8, 40, 6e4), cell(8, 60, 1e4)];
    const verdicts = (cells: SparsityCell[]) => (prefix: string) => comparison({ comparisons: judgeSparsitySamples(cells) }, prefix).verdict;
    for (const check of ['a* is recovered once N', 'the N needed grows', 'where recovery starts', 't₂ shrinks'])
      expect(verdicts(phase)(check), check).toBe('reproduced');
    expect(samplesNeeded(phase, 8)).toBe(40);
    const sameNeed = phase.map((c) => (c.s === 8 && c.N === 20 ? cell(8, 20, 9e4) : c));
    expect(verdicts(sameNeed)('the N needed grows')).toBe('contradicted');
    const noDelay = phase.map((c) => (c.s === 8 && c.N === 40 ? cell(8, 40, 50) : c));
    expect(verdicts(noDelay)('where recovery starts')).toBe('contradicted');
    const holey = phase.map((c) => (c.s === 2 && c.N === 40 ? cell(2, 40, null) : c));
    expect(verdicts(holey)('a* is recovered once N')).toBe('contradicted');
    expect(samplesNeeded(holey, 2)).toBe(60);
    const never = phase.map((c) => (c.s === 8 ? cell(8, c.N, null) : c));
    expect(verdicts(never)('a* is recovered once N')).toBe('contradicted');
    const slower = phase.map((c) => (c.s === 2 && c.N === 60 ? cell(2, 60, 9e4) : c));
    expect(verdicts(slower)('t₂ shrinks')).toBe('contradicted');
  });
});
