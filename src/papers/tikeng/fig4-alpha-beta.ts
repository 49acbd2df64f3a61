// Fig. 4 of Tikeng Notsawo et al.: the delay scales as 1/(αβ). The whole α × β grid trains as one
// ensemble (one batched computation), and t₂ is read as the authors do in their sweeps: the first
// step from which the recovery error stays within 5 % of its final plateau.
import { fitPowerLaw, plateauStep } from '../../metrics/index.js';
import { figureSpec, linePanel, TAB10, writePlot, type Series } from '../../plots/index.js';
import { claim, withinAbs } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { TIKENG_SOURCE, trainRuns } from './common.js';
import { sparseConfig } from './configs.js';

const FULL = { alphas: [0.005, 0.01, 0.0275, 0.055, 0.0825, 0.1], betas: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1], steps: 10_000_000 };
const QUICK = { alphas: [0.05, 0.1, 0.2], betas: [1e-5, 2e-5, 5e-5], steps: 300_000 };
/** A run counts as generalized when its final recovery error is at most this. */
const RECOVERED = 1e-2;

export const fig4AlphaBeta: Reproduction = {
  name: 'tikeng-fig4-alpha-beta',
  title: 'The grokking delay scales as 1/(αβ) (sparse recovery, ℓ1)',
  source: `${TIKENG_SOURCE}, Fig. 4 (§1 of src/papers/tikeng/README.md)`,
  async run(ctx) {
    const grid = ctx.quick ? QUICK : FULL;
    const points = grid.alphas.flatMap((alpha) => grid.betas.map((beta) => ({ alpha, beta })));
    ctx.log(`α × β grid: ${grid.alphas.length} × ${grid.betas.length} runs of ${grid.steps} steps, one ensemble`);
    const runs = await trainRuns(ctx, points.map(({ alpha, beta }) => ({ label: `alpha${alpha}-beta${beta}`, config: sparseConfig({ alpha, beta, steps: grid.steps }) })));
    const rows = runs.map((run, i) => {
      const final = run.evals.at(-1)!.metrics;
      const t2 = plateauStep(run.evals, 'test_error');
      const ok = final.test_error <= RECOVERED && t2 !== null && t2 < grid.steps;
      return { ...points[i], ab: points[i].alpha * points[i].beta, t2: ok ? t2 : null, finalError: final.test_error };
    });
    const used = rows.filter((r) => r.t2 !== null);
    const delayFit = used.length >= 2 ? fitPowerLaw(used.map((r) => r.ab), used.map((r) => r.t2!)) : null;
    const errorFit = used.length >= 2 ? fitPowerLaw(used.map((r) => r.ab), used.map((r) => r.finalError)) : null;

    const byAlpha = (y: (r: (typeof rows)[number]) => number | null): Series[] =>
      grid.alphas.map((alpha, i) => ({ name: `α = ${alpha}`, color: TAB10[i % TAB10.length], points: rows.filter((r) => r.alpha === alpha && y(r) !== null).map((r) => ({ x: r.ab, y: y(r)! })) })).filter((s) => s.points.length > 0);
    const fitLineSeries = (fit: typeof delayFit, name: string): Series[] => {
      if (!fit) return [];
      const xs = used.map((r) => r.ab);
      const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
      return [{ name, color: '#333333', points: [lo, hi].map((x) => ({ x, y: Math.exp(fit.intercept) * x ** fit.slope })) }];
    };
    const abs = rows.map((r) => r.ab);
    const xDomain: [number, number] = [10 ** Math.floor(Math.log10(Math.min(...abs))), 10 ** Math.ceil(Math.log10(Math.max(...abs)))];
    const delay = linePanel({ series: [...byAlpha((r) => r.t2), ...fitLineSeries(delayFit, `fit: slope ${delayFit?.slope.toFixed(2)}`)], xTitle: 'αβ', yTitle: 't₂ (steps)', xLog: true, yLog: true, xDomain, points: true });
    const error = linePanel({ series: [...byAlpha((r) => (r.t2 === null ? null : r.finalError)), ...fitLineSeries(errorFit, `fit: slope ${errorFit?.slope.toFixed(2)}`)], xTitle: 'αβ', yTitle: 'final recovery error', xLog: true, yLog: true, xDomain, points: true });
    await writePlot(figureSpec({ title: 'Delay and final error against αβ', subtitle: `sparse recovery n 100 · s 5 · N 30 · no noise · ${grid.steps} steps · ${used.length} of ${rows.length} runs generalized`, rows: [[delay, error]] }), `${ctx.out}/fig4`);

    const notReached = rows.filter((r) => r.t2 === null).map((r) => `α ${r.alpha}, β ${r.beta} (final error ${r.finalError.toExponential(1)})`);
    return {
      comparisons: [
        withinAbs('slope of log t₂ vs log αβ', -1, delayFit?.slope ?? null, 0.2),
        claim('doubling αβ halves the delay', 'yes', delayFit !== null && Math.abs(delayFit.slope + 1) <= 0.2, delayFit ? `×${(2 ** delayFit.slope).toFixed(2)} per doubling (r = ${delayFit.r.toFixed(3)}, ${delayFit.n} runs)` : 'no fit'),
        withinAbs('slope of log(final error) vs log αβ', 1, errorFit?.slope ?? null, 0.3),
        claim('too large β', 'plateaus at a bad error or never memorizes', ctx.quick || rows.some((r) => r.beta >= 1e-2 && r.finalError > RECOVERED), notReached.length ? `${notReached.length} runs did not generalize` : 'all generalized'),
      ],
      plots: ['fig4.png'],
      runs: runs.map((r) => r.dir),
      notes: [
        't₂ rather than t₂ − t₁ is fitted: t₁ ≤ 1e2 ≪ t₂ here, and with larger β the ℓ1 bias keeps the train error above any fixed threshold, so t₁ is not defined for every run.',
        `t₂ = first step from which the recovery error stays within 5 % of its final plateau (mean of the last 3 evaluations) for 2 evaluations, as in the authors' sweep code; a run counts only if its final recovery error is ≤ ${RECOVERED}.`,
        ...(notReached.length ? [`Not generalized within ${grid.steps} steps: ${notReached.join('; ')}.`] : []),
        `Grid points: ${rows.map((r) => `(α ${r.alpha}, β ${r.beta}): t₂ ${r.t2 ?? '—'}, error ${r.finalError.toExponential(1)}`).join('; ')}.`,
      ],
    };
  },
};
