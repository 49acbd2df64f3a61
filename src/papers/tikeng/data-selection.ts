// §3.4 of Tikeng Notsawo et al.: data selection alone changes the delay. Sparse recovery from
// coherent measurements (a fraction τ of the rows are coordinate vectors) needs longer to
// generalize, and never does as τ → 1 with N < n; matrix completion from high-leverage entries
// (the top τN by μ_i + ν_j) generalizes sooner.
import { figureSpec, linePanel, TAB10, writePlot, type Series } from '../../plots/index.js';
import { claim, notChecked } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { TIKENG_SOURCE, fmtSteps, trainRuns, type TrainedRun } from './common.js';
import { completionConfig, sparseConfig } from './configs.js';

const FULL = {
  sparse: { Ns: [30, 50, 70], taus: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], steps: 2_000_000 },
  // Three problem draws: on one draw neighbouring τ can swap (seed 0: t₂ 1.8e5 at τ 0.5, 2.8e5 at 0.75).
  completion: { taus: [0, 0.25, 0.5, 0.75, 1], seeds: [0, 1, 2], alpha: 1, beta: 1e-5, steps: 2_000_000 },
};
const QUICK = {
  sparse: { Ns: [50], taus: [0, 0.2], steps: 100_000 },
  completion: { taus: [0, 1], seeds: [0], alpha: 0.5, beta: 1e-3, steps: 50_000 },
};

/** t₂ with "never" as +∞, for ordering. */
const t2Of = (r: TrainedRun) => r.summary.t_gen ?? Infinity;
const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]);

export const dataSelection: Reproduction = {
  name: 'tikeng-data-selection',
  title: 'Data selection alone amplifies or shortens grokking: t₂ against the coherence τ',
  source: `${TIKENG_SOURCE}, §3.4 (§5 of src/papers/tikeng/README.md)`,
  async run(ctx) {
    const g = ctx.quick ? QUICK : FULL;
    ctx.log(`sparse recovery: N ${g.sparse.Ns.join(', ')} × τ ${g.sparse.taus.join(', ')}, ${g.sparse.steps} steps`);
    const sparseSpecs = g.sparse.Ns.flatMap((N) =>
      g.sparse.taus.map((tau) => ({ N, tau, label: `sparse-N${N}-tau${tau}`, config: sparseConfig({ N, coherence: tau, steps: g.sparse.steps }) })),
    );
    const sparse = await trainRuns(ctx, 'sparse', sparseSpecs);
    ctx.log(
      `matrix completion: leverage τ ${g.completion.taus.join(', ')} × problem seeds ${g.completion.seeds.join(', ')}, α ${g.completion.alpha}, β ${g.completion.beta}, ${g.completion.steps} steps`,
    );
    const completionSpecs = g.completion.seeds.flatMap((seed) =>
      g.completion.taus.map((tau) => ({
        seed,
        tau,
        label: `completion-seed${seed}-tau${tau}`,
        config: completionConfig({ leverage: tau, taskSeed: seed, alpha: g.completion.alpha, beta: g.completion.beta, steps: g.completion.steps }),
      })),
    );
    const completion = await trainRuns(ctx, 'completion', completionSpecs);

    const sparseSeries: Series[] = g.sparse.Ns.map((N, i) => ({
      name: `sparse, N = ${N}`,
      color: TAB10[i],
      points: sparseSpecs.flatMap((s, j) => (s.N === N && sparse[j].summary.t_gen !== null ? [{ x: s.tau, y: sparse[j].summary.t_gen! }] : [])),
    }));
    const completionOf = (seed: number) => completion.filter((_, j) => completionSpecs[j].seed === seed);
    // One series per run of reached t₂, so no line bridges a τ that never generalized.
    const completionSeries: Series[] = g.completion.seeds.flatMap((seed, i) => {
      const segments: { x: number; y: number }[][] = [[]];
      completionOf(seed).forEach((r, j) =>
        r.summary.t_gen === null ? segments.push([]) : segments.at(-1)!.push({ x: g.completion.taus[j], y: r.summary.t_gen }),
      );
      return segments
        .filter((p) => p.length > 0)
        .map((points, k) => ({ name: `completion, draw ${seed}${k > 0 ? ' (cont.)' : ''}`, color: TAB10[3 + i], points }));
    });
    const left = linePanel({
      series: sparseSeries.filter((s) => s.points.length > 0),
      xTitle: 'τ (fraction of coherent rows)',
      yTitle: 't₂ (steps)',
      yLog: true,
      points: true,
      xDomain: [0, 1],
    });
    const right = linePanel({
      series: completionSeries,
      xTitle: 'τ (fraction of top-leverage entries)',
      yTitle: 't₂ (steps)',
      yLog: true,
      points: true,
      xDomain: [0, 1],
    });
    await writePlot(
      figureSpec({
        title: 'Data selection and the grokking delay',
        subtitle: 'missing points: not generalized within the budget (t₂ = ∞)',
        rows: [[left, right]],
      }),
      `${ctx.out}/data-selection`,
    );

    const sparseByN = g.sparse.Ns.map((N) => ({ N, t2: sparseSpecs.flatMap((s, j) => (s.N === N ? [t2Of(sparse[j])] : [])) }));
    // Geometric mean over the problem draws (∞ if any draw never generalizes).
    const completionT2 = g.completion.taus.map((_, j) =>
      Math.exp(g.completion.seeds.reduce((sum, seed) => sum + Math.log(t2Of(completionOf(seed)[j])), 0) / g.completion.seeds.length),
    );
    const perSeed = g.completion.seeds.map(
      (seed) =>
        `draw ${seed}: ${completionOf(seed)
          .map((r) => fmtSteps(r.summary.t_gen))
          .join(', ')}`,
    );
    const highTau = g.sparse.Ns.filter((N) => N < 100).map((N) => sparse[sparseSpecs.findIndex((s) => s.N === N && s.tau === g.sparse.taus.at(-1))]);
    return {
      comparisons: [
        claim(
          'sparse recovery: t₂ against τ (per N)',
          'grows with τ',
          sparseByN.every((r) => r.t2[0] < Infinity && nonDecreasing(r.t2)),
          sparseByN.map((r) => `N ${r.N}: ${r.t2.map((t) => fmtSteps(Number.isFinite(t) ? t : null)).join(', ')}`).join('; '),
        ),
        // The quick grid stops at τ = 0.2, where t₂ is still finite: this check is the full form's.
        ((c) => (ctx.quick ? notChecked(c, 'not checked in quick form (its grid stops at τ = 0.2)') : c))(
          claim(
            `sparse recovery at τ = ${g.sparse.taus.at(-1)}, N < n`,
            't₂ → ∞ (never generalizes)',
            highTau.every((r) => r.summary.t_gen === null),
            highTau.map((r) => `${r.label}: ${fmtSteps(r.summary.t_gen)}`).join(', '),
          ),
        ),
        claim(
          `matrix completion: t₂ against leverage τ${g.completion.seeds.length > 1 ? ` (geometric mean over ${g.completion.seeds.length} problem draws)` : ''}`,
          'shrinks as τ grows',
          completionT2[0] < Infinity && nonDecreasing([...completionT2].reverse()),
          `${completionT2.map((t, j) => `τ ${g.completion.taus[j]}: ${fmtSteps(Number.isFinite(t) ? t : null)}`).join(', ')}${g.completion.seeds.length > 1 ? ` (${perSeed.join('; ')})` : ''}`,
        ),
      ],
      plots: ['data-selection.png'],
      runs: [...sparse, ...completion].map((r) => r.dir),
      notes: [
        "Sparse: α 0.1, β 1e-5, ζ 1e-6, no noise; t₂ = the run summary's plateau reading (generalized = recovery error ending ≤ 1 % of the zero estimate's; t₂ = the first step on that plateau), as for completion. Coherent rows are distinct random coordinate vectors e_j.",
        `Completion: α ${g.completion.alpha} (the authors' code), β ${g.completion.beta}${ctx.quick ? ' (quick: αβ raised so the runs take seconds)' : ' (the paper)'}; the top τN entries by leverage score, the rest uniform; problem draws (task seeds) ${g.completion.seeds.join(', ')}.`,
      ],
    };
  },
};
