// Fig. 5 of Tikeng Notsawo et al.: low-rank matrix completion with a small nuclear-norm penalty
// groks. After memorization every singular value shrinks by about αβ per step, the smallest
// first, and the test error falls when the rank reaches the true rank.
import { figureSpec, linePanel, writePlot, type Rule } from '../../plots/index.js';
import { RANK_TOLERANCE } from '../../tasks/estimation-problems.js';
import { claim, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { TIKENG_SOURCE, curve, fmtSteps, metricsAt, trainRuns } from './common.js';
import { completionConfig } from './configs.js';

/** What the checks read of the completion run. */
export interface CompletionReading {
  t1: number | null;
  t2: number | null;
  trueRank: number;
  finalRank: number;
  rankAtT2: number | null;
  /** when each spurious singular value σᵢ (i > the true rank, in order) fell below the rank tolerance; null: never */
  deaths: { i: number; step: number | null }[];
}

/** The report's checks (pure: the test feeds it results that must fail). */
export function judgeCompletion(r: CompletionReading): Comparison[] {
  const { t1, t2, trueRank, deaths } = r;
  const smallestFirst = deaths.every((d, j) => d.step !== null && (j === 0 || d.step <= deaths[j - 1].step!));
  return [
    claim("memorization t₁ (train error ≤ 1 % of the zero estimate's)", 'early', t1 !== null && (t2 === null || t1 * 10 <= t2), fmtSteps(t1)),
    claim(
      "generalization t₂ (the test error's final plateau, ≤ 1 % of the zero estimate's)",
      'late: t₂ ≫ t₁',
      t1 !== null && t2 !== null && t2 / t1 >= 10,
      t1 && t2 ? `${fmtSteps(t2)} (t₂/t₁ = ${(t2 / t1).toFixed(0)})` : fmtSteps(t2),
    ),
    claim('rank at the end', `falls to the true rank ${trueRank}`, r.finalRank === trueRank, String(r.finalRank)),
    claim('rank when the test error falls (at t₂)', `${trueRank}`, r.rankAtT2 === trueRank, r.rankAtT2 === null ? 'not reached' : String(r.rankAtT2)),
    claim(
      'spurious singular values vanish smallest first',
      'σ₁₀ first, then σ₉, …, σ₃',
      smallestFirst,
      deaths.map((d) => `σ${d.i}: ${fmtSteps(d.step)}`).join(', '),
    ),
  ];
}

export const fig5CompletionNuclear: Reproduction = {
  name: 'tikeng-fig5-completion-nuclear',
  title: 'Matrix completion groks with a small nuclear-norm penalty; the rank falls to the true rank',
  source: `${TIKENG_SOURCE}, Fig. 5 (§2 of src/papers/tikeng/README.md)`,
  async run(ctx) {
    // Quick: a 50× larger αβ (t₂ ∝ 1/(αβ)) so the phenomenon fits in seconds.
    const { alpha, beta, steps } = ctx.quick ? { alpha: 0.5, beta: 1e-3, steps: 100_000 } : { alpha: 0.1, beta: 1e-4, steps: 10_000_000 };
    ctx.log(`10×10 rank-2 completion from 70 entries, α ${alpha}, β ${beta}, ${steps} steps`);
    const [run] = await trainRuns(ctx, 'completion', [{ label: 'nuclear', config: completionConfig({ alpha, beta, steps }) }]);
    const { t_mem: t1, t_gen: t2 } = run.summary;
    const final = run.evals.at(-1)!.metrics;
    const k = Object.keys(final).filter((m) => m.startsWith('sv_')).length;
    const trueRank = 2;
    // When each spurious singular value (beyond the true rank) first fell below the rank tolerance.
    const deaths = Array.from({ length: k - trueRank }, (_, j) => {
      const i = trueRank + 1 + j;
      const e = run.evals.find((ev) => ev.step > (t1 ?? 0) && ev.metrics[`sv_${i}`] <= RANK_TOLERANCE * ev.metrics.sv_1);
      return { i, step: e?.step ?? null };
    });

    const rules: Rule[] = [...(t1 ? [{ x: t1, label: `t₁ ${fmtSteps(t1)}` }] : []), ...(t2 ? [{ x: t2, label: `t₂ ${fmtSteps(t2)}` }] : [])];
    const errors = linePanel({
      series: [curve(run, 'train_error', 'train (observed entries)'), curve(run, 'test_error', 'test (unobserved entries)')],
      xTitle: 'step',
      yTitle: 'relative error',
      xLog: true,
      yLog: true,
      rules,
    });
    const rank = linePanel({
      series: [curve(run, 'rank', `rank (σ > ${RANK_TOLERANCE}·σ₁)`), curve(run, 'norm_nuclear', '‖A‖_*')],
      xTitle: 'step',
      yTitle: 'rank · nuclear norm',
      xLog: true,
      rules,
    });
    const singular = linePanel({
      series: Array.from({ length: k }, (_, j) => curve(run, `sv_${j + 1}`, `σ${j + 1}`)),
      xTitle: 'step',
      yTitle: 'singular value',
      xLog: true,
      yLog: true,
      rules,
    });
    await writePlot(
      figureSpec({
        title: 'Matrix completion with the nuclear norm: the rank falls, then the test error',
        subtitle: `10×10 · rank 2 · N 70 · α ${alpha} · β ${beta} · ζ 1e-6`,
        rows: [[errors, rank], [singular]],
      }),
      `${ctx.out}/fig5`,
    );

    return {
      comparisons: judgeCompletion({ t1, t2, trueRank, finalRank: final.rank, rankAtT2: t2 === null ? null : metricsAt(run, t2).rank, deaths }),
      plots: ['fig5.png'],
      runs: [run.dir],
      notes: [
        'N = 70 observed entries (the paper; the code uses 80), A* = UVᵀ rescaled to ‖A*‖_F = 10, the full matrix A from ζ·I.',
        `Rank = number of singular values above ${RANK_TOLERANCE}·σ₁; subgradient steps keep the others oscillating at O(αβ), never at exactly 0.`,
        ...(ctx.quick ? ["Quick form: α = 0.5 and β = 1e-3 (αβ 50× the paper's) and 1e5 steps; the delay scales as 1/(αβ)."] : []),
      ],
    };
  },
};
