import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { type DeepMatrixCell, deepMatrixCompletion, judgeDeepMatrix } from './deep-matrix.js';

describe('tikeng-deep-matrix', () => {
  it('quick: L = 1 never completes; depth alone completes (L 2 late, L 3 at once); from I with ℓ2, L ≥ 2 groks, L 3 sooner', async () => {
    const report = await runQuick(deepMatrixCompletion);
    for (const c of report.comparisons.filter((x) => x.verdict !== 'reported')) expect(c.verdict, `${c.quantity}: ${c.measured}`).toBe('reproduced');
    expect(String(comparison(report, 'ungrokking').measured)).toBe('not found in 6 runs');
    expect(existsSync(join(report.out, 'deep-matrix.png'))).toBe(true);
  }, 240_000);

  it('its checks fail when L = 1 completes, depth does not help, the delays do not order with L, or a run ungroks', () => {
    const cell = (regime: DeepMatrixCell['regime'], L: number, t2: number | null, t1 = 100): DeepMatrixCell => ({
      regime,
      L,
      t1,
      t2,
      finalError: t2 === null ? 1 : 1e-3,
      finalRank: t2 === null ? 10 : 2,
      lost: null,
    });
    const paper = [cell('implicit', 1, null), cell('implicit', 2, 5000), cell('implicit', 3, 300), cell('l2', 1, null), cell('l2', 2, 1e5), cell('l2', 3, 2e4)];
    const verdicts = (cells: DeepMatrixCell[]) => (prefix: string) => comparison({ comparisons: judgeDeepMatrix(cells) }, prefix).verdict;
    const checks = [
      'L = 1 (the full matrix)',
      'no penalty, small init',
      'no penalty: L = 2 with a delay',
      'large init + small ℓ2, L ≥ 2',
      'large init + small ℓ2: a deeper',
    ];
    for (const check of checks) expect(verdicts(paper)(check), check).toBe('reproduced');
    const swap = (regime: DeepMatrixCell['regime'], L: number, c: DeepMatrixCell) => paper.map((x) => (x.regime === regime && x.L === L ? c : x));
    expect(verdicts(swap('l2', 1, cell('l2', 1, 5e4)))('L = 1 (the full matrix)')).toBe('contradicted');
    expect(verdicts(swap('implicit', 3, cell('implicit', 3, null)))('no penalty, small init')).toBe('contradicted');
    expect(verdicts(swap('implicit', 3, cell('implicit', 3, 5000)))('no penalty: L = 2 with a delay')).toBe('contradicted');
    expect(verdicts(swap('l2', 2, cell('l2', 2, 500)))('large init + small ℓ2, L ≥ 2')).toBe('contradicted');
    expect(verdicts(swap('l2', 3, cell('l2', 3, 2e5)))('large init + small ℓ2: a deeper')).toBe('contradicted');
    const relapsed = swap('implicit', 2, { ...cell('implicit', 2, 5000), lost: 8e4 });
    expect(String(comparison({ comparisons: judgeDeepMatrix(relapsed) }, 'ungrokking').measured)).toBe('implicit L 2 at 8.0e+4');
  });
});
