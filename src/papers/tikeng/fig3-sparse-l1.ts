// Fig. 3 of Tikeng Notsawo et al.: sparse recovery with a small ℓ1 penalty groks. Train error
// falls within ~10² steps (the least-norm interpolator), the recovery error only after
// ≈ ‖â − a*‖_∞/(αβ) more steps, while ‖a‖₁ falls and the off-support components die out. The
// delay law is checked where it is sharp, within one problem instance: t₂·αβ is the same at
// every (α, β) of one draw, while its constant differs between draws.
import { TIKENG_PRESETS } from './presets.js';
import { meanInterval } from '../../metrics/index.js';
import { figureSpec, linePanel, writePlot, type Rule } from '../../plots/index.js';
import { leastNormSolution, sparseRecoveryData } from '../../tasks/sparse-recovery.js';
import { check, claim, formatMeasured, notChecked, withinSpread, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { TIKENG_SOURCE, curve, fmtSteps, trainRuns, type TrainedRun } from './common.js';
import { sparseConfig } from './configs.js';

/** The delay-law grid: (α, β) points on each problem draw, read on a dense evaluation schedule (1.2 % apart). */
const LAW = {
  // t₂ ≈ C·‖â − a*‖_∞/(αβ) reaches ≈ 1.3e6 steps at the smallest αβ on draw 2 and more on draw 1,
  // whose ‖â − a*‖_∞ is 0.14: the budget leaves room for C up to ≈ 5 there.
  full: { draws: [0, 1, 2], alphas: [0.05, 0.1], betas: [5e-6, 1e-5], steps: 5_000_000 },
  // quick: one draw, so the law's sharpness is shown but not judged (no spread between draws)
  quick: { draws: [0], alphas: [0.05, 0.1], betas: [2e-5, 4e-5], steps: 200_000 },
  evalsPerDecade: 200,
};

/** One (α, β) point of the delay-law grid: its t₂ (summary t_gen) on its draw, and the draw's ‖â − a*‖_∞. */
export interface LawPoint {
  draw: number;
  alpha: number;
  beta: number;
  t2: number | null;
  gap: number;
}

/**
 * The delay law, judged within each draw: C = t₂·αβ must agree across the draw's (α, β) points
 * more closely than the draws' constants agree with each other (the spread the law allows);
 * the constant C/‖â − a*‖_∞ (≈ 1 in the paper) is compared over draws by its mean ± 95 % CI.
 * A point that had not generalized when its budget ran out has no t₂ to judge: it is left out
 * and named, and a draw keeps its place only with two measured points.
 */
export function judgeDelayLaw(points: readonly LawPoint[]): Comparison[] {
  const draws = [...new Set(points.map((p) => p.draw))];
  const perDraw = draws.map((d) => {
    const mine = points.filter((p) => p.draw === d);
    const cs = mine.filter((p) => p.t2 !== null).map((p) => p.t2! * p.alpha * p.beta);
    const mean = cs.reduce((a, b) => a + b, 0) / cs.length;
    return { draw: d, cs, mean, spread: (Math.max(...cs) - Math.min(...cs)) / mean, gap: mine[0].gap, unfinished: mine.length - cs.length };
  });
  const judged = perDraw.filter((d) => d.cs.length >= 2);
  const between = meanInterval(judged.map((d) => d.mean));
  const betweenSpread =
    between.mean !== null && judged.length > 1 ? (Math.max(...judged.map((d) => d.mean)) - Math.min(...judged.map((d) => d.mean))) / between.mean : NaN;
  const within = Math.max(...judged.map((d) => d.spread));
  const shown = perDraw
    .map(
      (d) =>
        `draw ${d.draw}: ${d.cs.map((c) => formatMeasured(c)).join(', ') || '—'}${d.cs.length >= 2 ? ` (spread ${(100 * d.spread).toFixed(1)} %)` : ''}` +
        (d.unfinished > 0 ? `, ${d.unfinished} not generalized within the budget` : ''),
    )
    .join('; ');
  const sharp = check(
    't₂·αβ across (α, β) points of one draw',
    'constant: t₂ ≈ ‖â − a*‖_∞/(αβ)',
    shown,
    `spread within every draw below the spread between draws (${Number.isFinite(betweenSpread) ? `${(100 * betweenSpread).toFixed(1)} %` : '—'})`,
    within < betweenSpread,
    `t₂·αβ varies by ${(100 * within).toFixed(1)} % within a draw, ${(100 * betweenSpread).toFixed(1)} % between draws`,
  );
  const constant = withinSpread(
    "the law's constant t₂·αβ / ‖â − a*‖_∞, per draw",
    '≈ 1',
    1,
    judged.map((d) => d.mean / d.gap),
    'problem draws',
  );
  const unmeasured = perDraw.length - judged.length;
  const why =
    unmeasured > 0
      ? `not checked: ${judged.length} of ${perDraw.length} draws have two points that generalized within the budget, and one draw gives no spread between draws`
      : 'not checked: one draw gives no spread between draws';
  return [judged.length < 2 ? notChecked(sharp, why) : sharp, constant];
}

export const fig3SparseL1: Reproduction = {
  name: 'tikeng-fig3-sparse-l1',
  title: 'Sparse recovery groks with a small ℓ1 penalty (subgradient and proximal)',
  source: `${TIKENG_SOURCE}, Fig. 3 (§1 of src/papers/tikeng/README.md)`,
  async run(ctx) {
    const base = TIKENG_PRESETS['tikeng-sparse-l1'].config;
    const steps = ctx.quick ? 200_000 : base.training.steps;
    const alpha = 0.1;
    const beta = 1e-5;
    const common = { alpha, beta, steps, snr: base.task.name === 'sparse-recovery' ? base.task.snr : 1e8 };
    ctx.log(`sparse recovery n 100, s 5, N 30, α ${alpha}, β ${beta}, ${steps} steps (subgradient and ISTA, one ensemble)`);
    const [sub, ista] = await trainRuns(ctx, 'sparse', [
      { label: 'subgradient', config: sparseConfig(common) },
      { label: 'ista', config: sparseConfig({ ...common, method: 'proximal' }) },
    ]);
    const law = ctx.quick ? LAW.quick : LAW.full;
    const lawSpecs = law.draws.flatMap((draw) => law.alphas.flatMap((a) => law.betas.map((b) => ({ draw, alpha: a, beta: b }))));
    ctx.log(
      `delay law: draws ${law.draws.join(', ')} × α ${law.alphas.join(', ')} × β ${law.betas.join(', ')}, ${law.steps} steps, ${LAW.evalsPerDecade} evaluations a decade`,
    );
    const lawRuns = await trainRuns(
      ctx,
      'law',
      lawSpecs.map((p) => ({
        label: `law-draw${p.draw}-alpha${p.alpha}-beta${p.beta}`,
        config: sparseConfig({ alpha: p.alpha, beta: p.beta, steps: law.steps, taskSeed: p.draw, evalsPerDecade: LAW.evalsPerDecade }),
      })),
    );
    const gapOf = (run: TrainedRun) => {
      const data = sparseRecoveryData(run.config.task as Parameters<typeof sparseRecoveryData>[0]);
      const aHat = leastNormSolution(data);
      return aHat.reduce((m, v, j) => Math.max(m, Math.abs(v - data.aStar[j])), 0);
    };
    const lawPoints: LawPoint[] = lawRuns.map((r, i) => ({ ...lawSpecs[i], t2: r.summary.t_gen, gap: gapOf(r) }));

    const gap = gapOf(sub);
    const { t_mem: t1, t_gen: t2 } = sub.summary;
    const rules = (t: typeof sub): Rule[] => [
      ...(t.summary.t_mem ? [{ x: t.summary.t_mem, label: `t₁ ${fmtSteps(t.summary.t_mem)}` }] : []),
      ...(t.summary.t_gen ? [{ x: t.summary.t_gen, label: `t₂ ${fmtSteps(t.summary.t_gen)}` }] : []),
    ];
    const errors = linePanel({
      series: [
        curve(sub, 'train_error', 'train (subgradient)'),
        curve(sub, 'test_error', 'recovery (subgradient)'),
        curve(ista, 'train_error', 'train (ISTA)'),
        curve(ista, 'test_error', 'recovery (ISTA)'),
      ],
      xTitle: 'step',
      yTitle: 'relative error',
      xLog: true,
      yLog: true,
      rules: rules(sub),
    });
    const norms = linePanel({
      series: [curve(sub, 'norm_l1', '‖a‖₁'), curve(sub, 'norm_l2', '‖a‖₂')],
      xTitle: 'step',
      yTitle: 'norm',
      xLog: true,
      rules: rules(sub),
    });
    const data = sparseRecoveryData(sub.config.task as Parameters<typeof sparseRecoveryData>[0]);
    const components = linePanel({
      series: [
        ...Array.from(data.support).map((j) => curve(sub, `a_${j}`, `a_${j} (a* = ${data.aStar[j].toFixed(3)})`)),
        curve(sub, 'off_support_max', 'max off-support |a_i|', '#7f7f7f'),
      ],
      xTitle: 'step',
      yTitle: 'component',
      xLog: true,
    });
    await writePlot(
      figureSpec({
        title: 'Sparse recovery with ℓ1: memorize early, recover late',
        subtitle: `n 100 · s 5 · N 30 · α ${alpha} · β ${beta} · ζ 1e-6 · SNR 1e8`,
        rows: [[errors], [norms, components]],
      }),
      `${ctx.out}/fig3`,
    );

    const l1 = (step: number | null) => sub.evals.find((e) => e.step === step)?.metrics.norm_l1 ?? NaN;
    return {
      comparisons: [
        claim("memorization t₁ (train error ≤ 1 % of the zero estimate's)", 'early (≲ 1e2–1e3 steps)', t1 !== null && t1 <= 1000, fmtSteps(t1)),
        claim(
          'the run groks: t₂ / t₁ ≥ 10',
          '≫ 1 (grokking)',
          sub.summary.outcome === 'grok',
          `${sub.summary.outcome}, t₂ ${fmtSteps(t2)}, t₂ / t₁ ${t1 && t2 ? (t2 / t1).toFixed(0) : '—'}`,
        ),
        claim('‖a‖₁ falls between t₁ and t₂', 'falls', t1 !== null && t2 !== null && l1(t2) < l1(t1), `${formatMeasured(l1(t1))} → ${formatMeasured(l1(t2))}`),
        claim('proximal (ISTA) variant', 'also groks', ista.summary.outcome === 'grok', `${ista.summary.outcome}, t₂ ${fmtSteps(ista.summary.t_gen)}`),
        ...judgeDelayLaw(lawPoints),
      ],
      plots: ['fig3.png'],
      runs: [sub.dir, ista.dir, ...lawRuns.map((r) => r.dir)],
      notes: [
        "t₁ and t₂ are the run summary's plateau reading: learned = the error ends at most 1 % of the zero estimate's; t₂ = the first step from which the recovery error sits on its final plateau. (The paper's fixed 1e-4, or its notebook's 1e-3, is crossed or not depending on β: the error floors at a level ∝ β.)",
        "Measurements N(0, 1/N) and the init all ones × ζ as in the authors' code; noise variance (s/n)/(N·SNR), their definition of SNR.",
        'The projected-subgradient variant is not included (it needs the projection onto {Xa = y}, not a transform of the optim layer yet).',
        `Main run: ‖â − a*‖_∞ = ${gap.toFixed(4)} for the least-norm interpolator â = X⁺y; t₁ + ‖â − a*‖_∞/(αβ) = ${formatMeasured((t1 ?? 0) + gap / (alpha * beta))}, t₂ = ${fmtSteps(t2)}.`,
        `Delay law: noiseless runs on problem draws ${law.draws.join(', ')} (task seeds), ${LAW.evalsPerDecade} evaluations a decade so t₂ is read to 1.2 %. Per point: ${lawPoints.map((p) => `draw ${p.draw} α ${p.alpha} β ${p.beta}: t₂ ${p.t2 ?? '—'}, ‖â − a*‖_∞ ${p.gap.toFixed(4)}`).join('; ')}.`,
      ],
    };
  },
};
