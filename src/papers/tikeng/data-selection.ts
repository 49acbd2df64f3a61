// §3.4 of Tikeng Notsawo et al.: data selection alone changes the delay. Sparse recovery from
// coherent measurements (a fraction τ of the rows are coordinate vectors) needs longer to
// generalize, and never does as τ → 1 with N < n; matrix completion from high-leverage entries
// (the top τN by μ_i + ν_j) generalizes sooner.
import { figureSpec, linePanel, TAB10, writePlot, type Series } from '../../plots/index.js';
import { kendallTrend, Z95, type Trend } from '../../metrics/index.js';
import { claim, notChecked, type Comparison } from '../report.js';
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

/** One line of t₂ against τ: per N (sparse recovery) or per problem draw (completion); null = never generalized. */
export interface T2Line {
  taus: number[];
  t2: (number | null)[];
}

/** What the checks read: the t₂ lines, and the dimension n the sparse Ns are compared with. */
export interface DataSelectionReading {
  dims: number;
  sparse: (T2Line & { N: number })[];
  completion: (T2Line & { seed: number })[];
}

const asInfinity = (t: number | null) => t ?? Infinity;
const fmtLine = (l: T2Line) => l.t2.map((t, j) => `τ ${l.taus[j]}: ${fmtSteps(t)}`).join(', ');
const fmtTrend = (t: Trend) => `Kendall S ${t.s}, z ${t.z.toFixed(2)} over ${t.n} runs`;

/**
 * A trend of t₂ against τ (never = +∞, above every reached t₂), judged by the Mann–Kendall test
 * at the 95 % level: its spread is that of S over the runs when t₂ does not depend on τ. With too
 * few τ for any ordering to reach that level the check is not judged.
 */
function trendCheck(quantity: string, paper: string, lines: T2Line[], sign: 1 | -1, shown: string, quick: boolean): Comparison {
  const trend = kendallTrend(lines.map((l) => ({ x: l.taus, y: l.t2.map(asInfinity) })));
  const c = claim(
    quantity,
    paper,
    sign * trend.z >= Z95,
    `${fmtTrend(trend)}; ${shown}`,
    `${fmtTrend(trend)}: no ${sign > 0 ? 'rise' : 'fall'} at the 95 % level; ${shown}`,
  );
  const tolerance = `Mann–Kendall z beyond ${Z95.toFixed(2)} in the claimed direction (95 %)`;
  if (trend.maxZ < Z95)
    return notChecked(
      { ...c, tolerance },
      `not checked${quick ? ' in quick form' : ''}: ${trend.n} runs in ${lines.length} line${lines.length === 1 ? '' : 's'}, too few for any trend to reach the 95 % level`,
    );
  return { ...c, tolerance };
}

/** The report's checks, a pure function of the reading (the test feeds it readings that must fail). */
export function judgeDataSelection(r: DataSelectionReading, quick: boolean): Comparison[] {
  const lastTau = r.sparse[0].taus.at(-1)!;
  const underdetermined = r.sparse.filter((l) => l.N < r.dims);
  const never = claim(
    `sparse recovery at τ = ${lastTau}, N < n`,
    't₂ → ∞ (never generalizes)',
    underdetermined.length > 0 && underdetermined.every((l) => l.t2.at(-1) === null),
    underdetermined.map((l) => `N ${l.N}: ${fmtSteps(l.t2.at(-1)!)}`).join(', '),
  );
  return [
    ...r.sparse.map((l) => trendCheck(`sparse recovery, N = ${l.N}: t₂ against the coherence τ`, 'grows with τ', [l], 1, fmtLine(l), quick)),
    lastTau < 1 ? notChecked(never, `not checked${quick ? ' in quick form' : ''} (the grid stops at τ = ${lastTau})`) : never,
    trendCheck(
      `matrix completion: t₂ against the leverage τ${r.completion.length > 1 ? ` (pooled over ${r.completion.length} problem draws)` : ''}`,
      'shrinks as τ grows',
      r.completion,
      -1,
      r.completion.map((l) => `draw ${l.seed}: ${fmtLine(l)}`).join('; '),
      quick,
    ),
  ];
}

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

    const t2Line = (runs: TrainedRun[], taus: number[]) => ({ taus, t2: runs.map((r) => r.summary.t_gen) });
    const reading: DataSelectionReading = {
      dims: sparse[0].config.task.name === 'sparse-recovery' ? sparse[0].config.task.n : Number.NaN,
      sparse: g.sparse.Ns.map((N) => ({
        N,
        ...t2Line(
          sparse.filter((_, j) => sparseSpecs[j].N === N),
          g.sparse.taus,
        ),
      })),
      completion: g.completion.seeds.map((seed) => ({ seed, ...t2Line(completionOf(seed), g.completion.taus) })),
    };
    return {
      comparisons: judgeDataSelection(reading, ctx.quick),
      plots: ['data-selection.png'],
      runs: [...sparse, ...completion].map((r) => r.dir),
      notes: [
        'Each trend of t₂ against τ is judged by the Mann–Kendall test (the count of run pairs ordered as the claim says minus those ordered against it, over its spread when t₂ does not depend on τ), at the 95 % level; a run that never generalized counts as t₂ = ∞. Completion pools its problem draws (their counts and spreads add). The sparse grid has one problem draw per N.',
        "Sparse: α 0.1, β 1e-5, ζ 1e-6, no noise; t₂ = the run summary's plateau reading (generalized = recovery error ending ≤ 1 % of the zero estimate's; t₂ = the first step on that plateau), as for completion. Coherent rows are distinct random coordinate vectors e_j.",
        `Completion: α ${g.completion.alpha} (the authors' code), β ${g.completion.beta}${ctx.quick ? ' (quick: αβ raised so the runs take seconds)' : ' (the paper)'}; the top τN entries by leverage score, the rest uniform; problem draws (task seeds) ${g.completion.seeds.join(', ')}.`,
      ],
    };
  },
};
