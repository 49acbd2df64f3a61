// §3.5 of Tikeng Notsawo et al. for matrix completion: the deep factorization A = W_L ⋯ W₁. Two
// regimes, each at depths 1–3: (a) no penalty from a small init, where depth alone biases
// gradient descent toward low rank (the full matrix, L = 1, leaves the unobserved entries where
// they started); (b) a large init (every W_l = I) with a small ℓ2 penalty on the factors, where
// L ≥ 2 groks and a deeper product generalizes sooner. Every run is also searched for
// "ungrokking": a test error that came down and later rose well above that level again.
import { lostGeneralization } from '../../metrics/index.js';
import { figureSpec, linePanel, TAB10, writePlot } from '../../plots/index.js';
import { RANK_TOLERANCE } from '../../tasks/estimation-problems.js';
import { claim, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { TIKENG_SOURCE, curve, fmtSteps, trainRuns, type TrainedRun } from './common.js';
import { completionConfig } from './configs.js';

const DEPTHS = [1, 2, 3];
/**
 * α 0.03 for every run: the product's step is about α·L·σ₁(A*)^{2(L−1)/L}, and with σ₁(A*) ≈ 8
 * the paper's α = 0.1 diverges at L = 3. Small init per factor: 1e-3 for L ≤ 2, 1e-2 for L = 3
 * (its saddle at 1e-3 takes far longer to leave).
 */
const ALPHA = 0.03;
const SMALL_ZETA: Record<number, number> = { 1: 1e-3, 2: 1e-3, 3: 1e-2 };
const FULL = { beta: 3e-3, steps: 1_000_000 };
/** β tripled (t₂ ∝ 1/β): the slowest delay (L 2, ≈ 8e4 steps) fits in 1.5e5 steps. */
const QUICK = { beta: 1e-2, steps: 150_000 };
/** relative test error of a completed matrix (1 % of the zero estimate's), as the plateau reading */
const LEVEL = 1e-2;

export type DeepMatrixRegime = 'implicit' | 'l2';

/** One run as the checks read it. */
export interface DeepMatrixCell {
  regime: DeepMatrixRegime;
  L: number;
  t1: number | null;
  t2: number | null;
  finalError: number;
  finalRank: number;
  /** the step where a generalized run lost it again (ungrokking); null: not found */
  lost: number | null;
}

const ratio = (c: DeepMatrixCell) => (c.t1 !== null && c.t2 !== null ? c.t2 / c.t1 : null);

/** The report's checks (pure: the test feeds it readings that must fail). */
export function judgeDeepMatrix(cells: readonly DeepMatrixCell[]): Comparison[] {
  const of = (regime: DeepMatrixRegime) => cells.filter((c) => c.regime === regime).sort((a, b) => a.L - b.L);
  const [implicit, l2] = [of('implicit'), of('l2')];
  const shallow = cells.filter((c) => c.L === 1);
  const deepImplicit = implicit.filter((c) => c.L >= 2);
  const deepL2 = l2.filter((c) => c.L >= 2);
  const two = implicit.find((c) => c.L === 2);
  const deeper = implicit.filter((c) => c.L > 2);
  const fmt = (c: DeepMatrixCell) =>
    `L ${c.L}: error ${c.finalError.toExponential(1)}, rank ${c.finalRank}${c.t2 === null ? '' : `, t₂ ${fmtSteps(c.t2)} (t₂/t₁ ${ratio(c)?.toFixed(1) ?? '—'})`}`;
  const l2Delays = deepL2.map((c) => c.t2);
  return [
    claim(
      'L = 1 (the full matrix), either regime',
      'never completes the matrix',
      shallow.length > 0 && shallow.every((c) => c.t2 === null),
      shallow.map((c) => `${c.regime}: error ${c.finalError.toExponential(1)}`).join('; '),
    ),
    claim(
      'no penalty, small init, L ≥ 2',
      'completes the matrix from depth alone',
      deepImplicit.length > 0 && deepImplicit.every((c) => c.t2 !== null),
      deepImplicit.map(fmt).join('; '),
    ),
    claim(
      'no penalty: L = 2 with a delay, L > 2 without (t₂/t₁ ≥ 10 and < 10)',
      'as for sparse recovery: L = 2 a small delay, L > 2 none',
      two !== undefined && (ratio(two) ?? 0) >= 10 && deeper.length > 0 && deeper.every((c) => ratio(c) !== null && ratio(c)! < 10),
      implicit
        .filter((c) => c.L >= 2)
        .map((c) => `L ${c.L}: t₂/t₁ ${ratio(c)?.toFixed(1) ?? '—'}`)
        .join(', '),
    ),
    claim('large init + small ℓ2, L ≥ 2', 'groks (t₂/t₁ ≥ 10)', deepL2.length > 0 && deepL2.every((c) => (ratio(c) ?? 0) >= 10), deepL2.map(fmt).join('; ')),
    claim(
      'large init + small ℓ2: a deeper product groks sooner',
      't₂ falls as L grows',
      l2Delays.length >= 2 && l2Delays.every((t, i) => t !== null && (i === 0 || t < l2Delays[i - 1]!)),
      deepL2.map((c) => `L ${c.L}: ${fmtSteps(c.t2)}`).join(' → '),
    ),
    reported(
      'ungrokking: generalization lost after it was reached',
      '— (depth "makes it possible to grok or ungrok")',
      cells.some((c) => c.lost !== null)
        ? cells
            .filter((c) => c.lost !== null)
            .map((c) => `${c.regime} L ${c.L} at ${fmtSteps(c.lost)}`)
            .join('; ')
        : `not found in ${cells.length} runs`,
    ),
  ];
}

const regimeConfig = (regime: DeepMatrixRegime, L: number, beta: number, steps: number) =>
  regime === 'implicit'
    ? completionConfig({ alpha: ALPHA, beta: 0, penalty: 'none', depth: L, zeta: SMALL_ZETA[L], steps })
    : completionConfig({ alpha: ALPHA, beta, penalty: 'l2', depth: L, zeta: 1, steps });

export const deepMatrixCompletion: Reproduction = {
  name: 'tikeng-deep-matrix',
  title: 'Deep matrix factorization for completion: depth alone completes the matrix; with a large init and small ℓ2, L ≥ 2 groks and deeper is sooner',
  source: `${TIKENG_SOURCE}, §3.5 (§3 of src/papers/tikeng/README.md)`,
  async run(ctx) {
    const grid = ctx.quick ? QUICK : FULL;
    const specs = (['implicit', 'l2'] as const).flatMap((regime) =>
      DEPTHS.map((L) => ({ regime, L, label: `${regime}-L${L}`, config: regimeConfig(regime, L, grid.beta, grid.steps) })),
    );
    ctx.log(`deep matrix completion: depths ${DEPTHS.join(', ')} × (no penalty, small init | ℓ2 β ${grid.beta}, init I), ${grid.steps} steps`);
    const runs = await trainRuns(ctx, 'runs', specs);
    const cells: DeepMatrixCell[] = runs.map((r, i) => {
      const last = r.evals.at(-1)!.metrics;
      return {
        regime: specs[i].regime,
        L: specs[i].L,
        t1: r.summary.t_mem,
        t2: r.summary.t_gen,
        finalError: last.test_error,
        finalRank: last.rank,
        lost: lostGeneralization(r.evals, 'test_error', LEVEL).lost,
      };
    });
    const panel = (regime: DeepMatrixRegime, title: string) =>
      linePanel({
        series: DEPTHS.flatMap((L, k) => {
          const run = runs[specs.findIndex((s) => s.regime === regime && s.L === L)] as TrainedRun;
          return [curve(run, 'test_error', `L = ${L}`, TAB10[k])];
        }),
        xTitle: 'step',
        yTitle: `test error (${title})`,
        xLog: true,
        yLog: true,
      });
    await writePlot(
      figureSpec({
        title: 'Deep matrix completion A = W_L ⋯ W₁: the error on the unobserved entries',
        subtitle: `10×10 · rank 2 · N 70 · α ${ALPHA} · ${grid.steps} steps`,
        rows: [[panel('implicit', 'no penalty, small init'), panel('l2', `ℓ2 β ${grid.beta}, W_l = I`)]],
      }),
      `${ctx.out}/deep-matrix`,
    );
    return {
      comparisons: judgeDeepMatrix(cells),
      plots: ['deep-matrix.png'],
      runs: runs.map((r) => r.dir),
      notes: [
        `The problem of Fig. 5 (one draw, 70 observed entries); inner widths 10. No penalty: every factor from ζ·I, ζ = ${DEPTHS.map((L) => `${SMALL_ZETA[L]} (L ${L})`).join(', ')}. Large init: every factor = I, ℓ2 penalty β·W_l on each factor (coupled decay), β = ${grid.beta}.`,
        `α = ${ALPHA} for every run: with the paper's 0.1 the L = 3 products diverge once they reach A*'s scale.`,
        `Recovered = the plateau reading (test error ending ≤ ${LEVEL}); t₁, t₂ = the summary's t_mem, t_gen. Ungrokking = after reaching ${LEVEL}, a test error above ${2 * LEVEL} (or NaN) later on.`,
        `Rank: singular values above ${RANK_TOLERANCE}·σ₁ of the product.`,
        ...(ctx.quick ? [`Quick form: β = ${QUICK.beta} (the full form's ${FULL.beta}) and ${QUICK.steps} steps.`] : []),
      ],
    };
  },
};
