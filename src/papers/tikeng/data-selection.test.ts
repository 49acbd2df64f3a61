import { expect, it } from 'vitest';
import { comparison } from '../testing.js';
import { type DataSelectionReading, judgeDataSelection } from './data-selection.js';

const taus = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const leverage = [0, 0.25, 0.5, 0.75, 1];
/** The paper's picture: t₂ grows with coherence until it never comes (null) at large τ, and falls with leverage on every draw. */
const paper: DataSelectionReading = {
  dims: 100,
  sparse: [30, 50, 70].map((N) => ({
    N,
    taus,
    t2: taus.map((tau) => (tau >= 0.3 + N / 200 ? null : 1e4 * 2 ** (5 * tau) * (1 + 0.1 * Math.sin(N + 10 * tau)))),
  })),
  completion: [0, 1, 2].map((seed) => ({ seed, taus: leverage, t2: leverage.map((tau, j) => 5e4 / (1 + 4 * tau) + (seed === 0 && j === 2 ? 2e4 : 0)) })),
};
const verdict = (r: DataSelectionReading, prefix: string, quick = false) => comparison({ comparisons: judgeDataSelection(r, quick) }, prefix).verdict;

it('data-selection checks pass the paper’s trends, one neighbouring swap on a draw included', () => {
  for (const c of judgeDataSelection(paper, false)) expect(c.verdict, `${c.quantity}: ${c.measured}`).toBe('reproduced');
});

it('data-selection checks fail without the trends, or when the coherent limit still generalizes', () => {
  // t₂ independent of the coherence at N = 50 (an unordered line)
  const flat = { ...paper, sparse: paper.sparse.map((l) => (l.N === 50 ? { ...l, t2: [3, 9, 1, 7, 5, 10, 2, 8, 4, 11, 6].map((k) => 1e4 * k) } : l)) };
  expect(verdict(flat, 'sparse recovery, N = 50')).toBe('contradicted');
  expect(verdict(flat, 'sparse recovery, N = 30')).toBe('reproduced');
  // every N < n still generalizes at τ = 1
  const finite = { ...paper, sparse: paper.sparse.map((l) => ({ ...l, t2: l.t2.map((t, j) => t ?? 1e6 + j) })) };
  expect(verdict(finite, 'sparse recovery at τ = 1')).toBe('contradicted');
  // leverage lengthening t₂, and leverage without effect (draws disagreeing)
  const reversed = { ...paper, completion: paper.completion.map((l) => ({ ...l, t2: [...l.t2].reverse() })) };
  expect(verdict(reversed, 'matrix completion')).toBe('contradicted');
  const mixed = { ...paper, completion: paper.completion.map((l, i) => (i === 1 ? { ...l, t2: [...l.t2].reverse() } : l)) };
  expect(verdict(mixed, 'matrix completion')).toBe('contradicted');
});

it('with too few τ for any trend to reach 95 % (the quick grid), the trends are not checked', () => {
  const quick: DataSelectionReading = {
    dims: 100,
    sparse: [{ N: 50, taus: [0, 0.2], t2: [1.8e4, 3.5e4] }],
    completion: [{ seed: 0, taus: [0, 1], t2: [3.2e4, 3.5e3] }],
  };
  for (const c of judgeDataSelection(quick, true)) expect(c.verdict, c.quantity).toBe('not checked');
  expect(String(comparison({ comparisons: judgeDataSelection(quick, true) }, 'matrix completion').measured)).toMatch(/^Kendall S -1/);
});
