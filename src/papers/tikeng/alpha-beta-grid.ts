// The α × β grids of Tikeng Notsawo et al. (sparse recovery, Fig. 4; matrix completion, Fig. 6):
// what each run gives the laws (its t₂ and its final error), the checks of a law y ∝ α^a·β^b
// fitted with α and β apart and pooled as αβ, and the figure of both against αβ. A pooled slope
// alone cannot tell a law in αβ from one in β alone when α spans a narrower range than β.
import { fitScalingLaw, type Exponent, type ScalingFit } from '../../metrics/index.js';
import { figureSpec, linePanel, TAB10, writePlot, type Series } from '../../plots/index.js';
import { check, notChecked, type Comparison } from '../report.js';
import type { RunConfig } from '../../config/schema.js';
import type { ReproduceContext } from '../reproduction.js';
import { trainRuns, type TrainedRun } from './common.js';

export interface AlphaBetaRow {
  alpha: number;
  beta: number;
  /** the summary's t_mem (memorization), where the reader keeps it */
  t1?: number | null;
  /** the summary's t_gen (plateau reading); null = not generalized within the run */
  t2: number | null;
  /** the test (recovery) error's final plateau (mean of the last 3 evaluations) */
  finalError: number;
}

/** Trains every (α, β) of a grid as one ensemble (folder `grid`) and reads its rows. */
export async function trainAlphaBetaGrid(
  ctx: Pick<ReproduceContext, 'out' | 'log'>,
  grid: { alphas: readonly number[]; betas: readonly number[]; steps: number },
  what: string,
  config: (point: { alpha: number; beta: number; steps: number }) => RunConfig,
): Promise<{ runs: TrainedRun[]; rows: AlphaBetaRow[] }> {
  const points = grid.alphas.flatMap((alpha) => grid.betas.map((beta) => ({ alpha, beta })));
  ctx.log(`${what}: ${grid.alphas.length} × ${grid.betas.length} runs of ${grid.steps} steps, one ensemble`);
  const runs = await trainRuns(
    ctx,
    'grid',
    points.map(({ alpha, beta }) => ({ label: `alpha${alpha}-beta${beta}`, config: config({ alpha, beta, steps: grid.steps }) })),
  );
  return { runs, rows: alphaBetaRows(runs, points) };
}

export function alphaBetaRows(runs: readonly TrainedRun[], points: readonly { alpha: number; beta: number }[]): AlphaBetaRow[] {
  return runs.map((run, i) => {
    const tail = run.evals.slice(-3).map((e) => e.metrics.test_error);
    return { ...points[i], t1: run.summary.t_mem, t2: run.summary.t_gen, finalError: tail.reduce((a, b) => a + b, 0) / tail.length };
  });
}

/** y ∝ α^a·β^b on the generalized rows, or null with fewer than 4 of them or a single α or β. */
export function fitAlphaBeta(rows: readonly AlphaBetaRow[], y: (r: AlphaBetaRow) => number, logResolution = 0): ScalingFit | null {
  const used = rows.filter((r) => r.t2 !== null);
  if (used.length < 4 || new Set(used.map((r) => r.alpha)).size < 2 || new Set(used.map((r) => r.beta)).size < 2) return null;
  return fitScalingLaw([used.map((r) => r.alpha), used.map((r) => r.beta)], used.map(y), logResolution);
}

/** The log-resolution of a time read on a grid of `evalsPerDecade` evaluations a decade (see fitScalingLaw). */
export const gridResolution = (evalsPerDecade?: number) => (evalsPerDecade ? Math.log(10) / (2 * evalsPerDecade) : 0);

/** The exponent with its 95 % interval, widened by what the evaluation grid's rounding can do (if anything). */
const halfWidth = (e: Exponent) => e.ci95 + e.resolution;
export const fmtExponent = (e: Exponent) => `${e.exponent.toFixed(3)} ± ${Number.isFinite(e.ci95) ? halfWidth(e).toFixed(3) : '—'}`;
const holds = (e: Exponent, paper: number) => Number.isFinite(e.ci95) && Math.abs(e.exponent - paper) <= halfWidth(e);

/** The checks of one law y ∝ α^a·β^b against the paper's exponent for both, and for the pooled αβ. */
export function lawChecks(what: string, paper: number, fit: ScalingFit | null, law: string): Comparison[] {
  const paperText = `${paper > 0 ? '+' : '−'}1 (${law})`;
  const tolerance = `the paper's exponent within the fitted one's 95 % CI${fit && fit.pooled.resolution > 0 ? ", widened by the evaluation grid's resolution" : ''}`;
  if (fit === null) {
    const none = {
      quantity: `${what}: exponents of α and β`,
      paper: paperText,
      measured: 'fewer than 4 generalized runs, or one α or β',
      tolerance,
      verdict: 'not checked' as const,
    };
    return [notChecked(none, 'not checked: too few generalized runs to fit')];
  }
  const [a, b] = fit.separate;
  const shows = `${what} ∝ α^${a.exponent.toFixed(2)}·β^${b.exponent.toFixed(2)}`;
  return [
    check(`${what}: exponent of α (α and β fitted separately)`, paperText, fmtExponent(a), tolerance, holds(a, paper), `${fmtExponent(a)}: ${shows}`),
    check(`${what}: exponent of β (α and β fitted separately)`, paperText, fmtExponent(b), tolerance, holds(b, paper), `${fmtExponent(b)}: ${shows}`),
    check(
      `${what}: slope against αβ (pooled)`,
      paperText,
      `${fmtExponent(fit.pooled)} (r = ${fit.pooled.r.toFixed(3)})`,
      tolerance,
      holds(fit.pooled, paper),
      `a pooled slope of ${fmtExponent(fit.pooled)}; apart, ${shows}`,
    ),
  ];
}

export interface AlphaBetaFigure {
  /** the path without extension (a PNG and an SVG are written) */
  path: string;
  title: string;
  subtitle: string;
  alphas: readonly number[];
  rows: readonly AlphaBetaRow[];
  /** the rows the fits were made on (default: every generalized row); the lines span these */
  fitted?: (r: AlphaBetaRow) => boolean;
  /** the runs' step budget: a run not generalized within it is marked at the budget (t₂ beyond it) */
  steps: number;
  delayFit: ScalingFit | null;
  errorFit: ScalingFit | null;
  /** the y title of the final-error panel */
  errorTitle: string;
}

/**
 * t₂ and the final error of the generalized runs against αβ, one colour per α, with each pooled
 * fit's line; a run not generalized within the budget is a triangle at the budget, since a fit on
 * the generalized runs alone is flattened where the slowest ones drop out.
 */
export async function writeAlphaBetaFigure(f: AlphaBetaFigure): Promise<void> {
  const rows = f.rows.map((r) => ({ ...r, ab: r.alpha * r.beta }));
  const used = rows.filter((r) => r.t2 !== null && (f.fitted?.(r) ?? true));
  const byAlpha = (y: (r: (typeof rows)[number]) => number | null): Series[] =>
    f.alphas
      .map((alpha, i) => ({
        name: `α = ${alpha}`,
        color: TAB10[i % TAB10.length],
        points: rows.filter((r) => r.alpha === alpha && y(r) !== null).map((r) => ({ x: r.ab, y: y(r)! })),
      }))
      .filter((s) => s.points.length > 0);
  const pooledLine = (fit: ScalingFit | null, ys: number[]): Series[] => {
    if (!fit || used.length === 0) return [];
    const xs = used.map((r) => r.ab);
    // the pooled fit's line through the points' geometric centre
    const [cx, cy] = [xs, ys].map((v) => Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length));
    const name = `pooled slope ${fit.pooled.exponent.toFixed(2)}; α^${fit.separate[0].exponent.toFixed(2)}·β^${fit.separate[1].exponent.toFixed(2)}`;
    return [{ name, color: '#333333', points: [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: cy * (x / cx) ** fit.pooled.exponent })) }];
  };
  const censored = (): Series[] => {
    const late = rows.filter((r) => r.t2 === null);
    return late.length
      ? [{ name: `not generalized by step ${f.steps}`, color: '#7f7f7f', unjoined: 'triangle-up', points: late.map((r) => ({ x: r.ab, y: f.steps })) }]
      : [];
  };
  const abs = rows.map((r) => r.ab);
  // whole decades, one more where a point would sit on the frame
  const xDomain: [number, number] = [10 ** Math.floor(Math.log10(Math.min(...abs)) - 0.05), 10 ** Math.ceil(Math.log10(Math.max(...abs)) + 0.05)];
  const panel = (series: Series[], yTitle: string) => linePanel({ series, xTitle: 'αβ', yTitle, xLog: true, yLog: true, xDomain, points: true });
  const delay = panel(
    [
      ...byAlpha((r) => r.t2),
      ...censored(),
      ...pooledLine(
        f.delayFit,
        used.map((r) => r.t2!),
      ),
    ],
    't₂ (steps)',
  );
  const error = panel(
    [
      ...byAlpha((r) => (r.t2 === null ? null : r.finalError)),
      ...pooledLine(
        f.errorFit,
        used.map((r) => r.finalError),
      ),
    ],
    f.errorTitle,
  );
  await writePlot(figureSpec({ title: f.title, subtitle: f.subtitle, rows: [[delay, error]] }), f.path);
}
