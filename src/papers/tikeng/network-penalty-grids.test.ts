import { describe, expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { judgeNetworkGrids, type NetworkGridRow, networkPenaltyGrids } from './network-penalty-grids.js';

describe('tikeng-network-penalty-grids', () => {
  it('quick: every (α, β) of the ℓ1 and ℓ2 grids groks; under ℓ1 t₂ falls as 1/(αβ) (shown, not judged)', async () => {
    const report = await runQuick(networkPenaltyGrids);
    for (const penalty of ['l1', 'l2']) {
      expect(comparison(report, `${penalty}: some (α, β) grok`).measured).toBe('4 of 4');
      expect(comparison(report, `${penalty} t₂: slope against αβ`).verdict).toBe('not checked');
    }
    const slope = Number(String(comparison(report, 'l1 t₂: slope against αβ').measured).split(' ')[0]);
    expect(slope).toBeLessThan(-0.7);
    expect(slope).toBeGreaterThan(-1.3);
  }, 240_000);

  it('its checks fail when no point groks, and the law checks fail on a delay in β alone', () => {
    const grid = [0.001, 0.01, 0.1].flatMap((alpha) => [1e-7, 1e-6, 1e-5].map((beta) => ({ alpha, beta })));
    const wobble = (i: number) => Math.exp(0.03 * Math.sin(3 * i));
    const lawful: NetworkGridRow[] = grid.map(({ alpha, beta }, i) => ({
      penalty: 'l1',
      alpha,
      beta,
      t1: 10,
      t2: (1e-3 / (alpha * beta)) * wobble(i),
      finalError: 0.01,
    }));
    const verdicts = (rows: NetworkGridRow[]) => (prefix: string) => comparison({ comparisons: judgeNetworkGrids(rows, false) }, prefix).verdict;
    for (const check of ['l1: some (α, β) grok', 'l1 t₂: exponent of α', 'l1 t₂: exponent of β', 'l1 t₂: slope against αβ'])
      expect(verdicts(lawful)(check), check).toBe('reproduced');
    expect(verdicts(lawful.map((r) => ({ ...r, t2: null })))('l1: some (α, β) grok')).toBe('contradicted');
    const inBeta = lawful.map((r, i) => ({ ...r, t2: (1e-2 / r.beta) * wobble(i) }));
    expect(verdicts(inBeta)('l1 t₂: exponent of α')).toBe('contradicted');
  });

  it('fits the delay law on the runs that grok: a large α that generalizes right after memorizing does not count', () => {
    const grid = [1e-4, 1e-3, 1e-2, 0.1].flatMap((alpha) => [1e-7, 1e-6, 1e-5].map((beta) => ({ alpha, beta })));
    const rows: NetworkGridRow[] = grid.map(({ alpha, beta }, i) => ({
      penalty: 'l2',
      alpha,
      beta,
      t1: 100,
      // α = 0.1: generalized at step 300 whatever β, t₂/t₁ = 3
      t2: alpha === 0.1 ? 300 : (1e-3 / (alpha * beta)) * Math.exp(0.03 * Math.sin(3 * i)),
      finalError: 0.01,
    }));
    const report = { comparisons: judgeNetworkGrids(rows, false) };
    expect(comparison(report, 'l2: some (α, β) grok').measured).toBe('9 of 12');
    expect(comparison(report, 'l2 t₂: slope against αβ').verdict).toBe('reproduced');
    expect(comparison(report, 'l2: which (α, β) grok').measured).toContain('(0.1, 0.00001) t₂ 300 (t₂/t₁ 3.0: no delay)');
    const everyRun = Number(String(comparison(report, 'l2 t₂ over every generalized run').measured).split(' ')[0]);
    expect(Math.abs(everyRun + 1)).toBeGreaterThan(0.15);
  });
});
