import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlphaBetaRow } from './alpha-beta-grid.js';
import { comparison, runQuick } from '../testing.js';
import { fig6CompletionGrid, judgeCompletionGrid } from './fig6-completion-grid.js';

const exponentOf = (measured: unknown) => Number(String(measured).split(' ')[0]);

describe('tikeng-fig6-completion-grid', () => {
  it('quick: completion groks at every (α, β) and t₂ falls as 1/(αβ), in α and in β alike (shown, not judged)', async () => {
    const report = await runQuick(fig6CompletionGrid);
    expect(comparison(report, 'every generalized run groks').verdict).toBe('reproduced');
    for (const which of ['exponent of α', 'exponent of β', 'slope against αβ']) {
      const c = comparison(report, `t₂: ${which}`);
      expect(c.verdict).toBe('not checked');
      expect(exponentOf(c.measured), `${which}: ${c.measured}`).toBeGreaterThan(-1.25);
      expect(exponentOf(c.measured), `${which}: ${c.measured}`).toBeLessThan(-0.75);
    }
    expect(existsSync(join(report.out, 'fig6.png'))).toBe(true);
  }, 120_000);

  it('its checks pass on a 1/(αβ) delay, and fail on a delay in β alone, on no delay, or on too few generalized runs', () => {
    const grid = [0.1, 0.5, 1].flatMap((alpha) => [1e-5, 1e-4, 1e-3].map((beta) => ({ alpha, beta })));
    const wobble = (i: number) => Math.exp(0.03 * Math.sin(5 * i));
    const lawful: AlphaBetaRow[] = grid.map(({ alpha, beta }, i) => ({ alpha, beta, t1: 10, t2: (16 / (alpha * beta)) * wobble(i), finalError: beta }));
    const verdicts =
      (rows: AlphaBetaRow[], quick = false) =>
      (prefix: string) =>
        comparison(judgeCompletionGrid(rows, quick), prefix).verdict;
    for (const check of ['every generalized run groks', 't₂: exponent of α', 't₂: exponent of β', 't₂: slope against αβ'])
      expect(verdicts(lawful)(check), check).toBe('reproduced');
    expect(verdicts(lawful, true)('t₂: slope against αβ')).toBe('not checked');
    const inBetaOnly = lawful.map((r, i) => ({ ...r, t2: (0.1 / r.beta) * wobble(i) }));
    expect(verdicts(inBetaOnly)('t₂: exponent of α')).toBe('contradicted');
    expect(verdicts(inBetaOnly)('t₂: exponent of β')).toBe('reproduced');
    expect(verdicts(lawful.map((r) => ({ ...r, t2: 50 })))('every generalized run groks')).toBe('contradicted');
    const few = lawful.map((r, i) => (i < 6 ? { ...r, t2: null } : r));
    expect(verdicts(few)('t₂: exponents')).toBe('not checked');
  });
});
