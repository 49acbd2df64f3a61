// The grokking detector: when did the model fit its training set (t_mem), when did it generalize
// (t_gen), and which outcome class the run falls in (the vocabulary the papers share).
import { z } from 'zod';
import { plateauStep } from './plateau.js';

export const detectionOptionsSchema = z
  .object({
    trainMetric: z.string().min(1).default('train_acc').describe('metric whose crossing marks memorization (t_mem)'),
    testMetric: z.string().min(1).default('test_acc').describe('metric whose crossing marks generalization (t_gen)'),
    direction: z
      .enum(['above', 'below'])
      .default('above')
      .describe('"above": crossed when metric ≥ threshold (accuracy); "below": when metric ≤ threshold (error, loss)'),
    trainThreshold: z.number().default(0.99).describe('threshold of the train metric (for "below" set an error level, e.g. 1e-4)'),
    testThreshold: z.number().default(0.99).describe('threshold of the test metric (for "below" set an error level, e.g. 1e-4)'),
    ratioThreshold: z.number().positive().default(10).describe('R: a run that crosses both is "grok" if t_gen / t_mem ≥ R, else "generalize"'),
    sustained: z
      .boolean()
      .default(false)
      .describe('count a crossing only if the metric stays across the threshold at every later evaluation (ignores transient spikes)'),
    mode: z
      .enum(['auto', 'threshold', 'plateau'])
      .default('auto')
      .describe(
        '"threshold": the fixed thresholds above; "plateau" (errors, direction "below"): a metric has learned when its final plateau is at most `level` × the error of ' +
          'learning nothing (predicting zero), t_mem is the first step the train error is that low, t_gen the first step from which the test error sits on its plateau — ' +
          'for penalized estimation, whose error floors at a level set by the penalty; "auto": plateau where the task knows its learned-nothing errors ' +
          '(sparse-recovery, matrix-completion, matrix-sensing, teacher-student), threshold elsewhere',
      ),
    level: z.number().positive().lt(1).default(0.01).describe('plateau mode: learned = the error is at most this fraction of the learned-nothing error'),
  })
  .strict()
  .refine((o) => o.mode !== 'plateau' || o.direction === 'below', { path: ['mode'], message: 'mode "plateau" reads errors: it needs direction "below"' })
  .describe('how t_mem, t_gen and the outcome class are read from the evaluations');

export type DetectionOptions = z.output<typeof detectionOptionsSchema>;
export type DetectionOptionsInput = z.input<typeof detectionOptionsSchema>;

/** One evaluation, in step order (an EvalEvent fits). */
export interface EvalPoint {
  step: number;
  metrics: Readonly<Record<string, number>>;
}

export const OUTCOMES = ['no-learn', 'memorize', 'generalize', 'grok'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The error of the model that learned nothing (predicting zero), by metric name; what plateau mode measures against. */
export type Baselines = Readonly<Record<string, number>>;

/** snake_case: this goes to summary.json as is. null = not reached (or undefined, for ratio). */
export interface Detection {
  t_mem: number | null;
  t_gen: number | null;
  delay: number | null;
  ratio: number | null;
  outcome: Outcome;
  /** which reading produced t_mem and t_gen */
  reading: 'threshold' | 'plateau';
}

/**
 * Reads t_mem and t_gen and classifies the run: no-learn (train never crosses, whatever test
 * does), memorize (train only), generalize (both, ratio < R) or grok (both, ratio ≥ R). Test may
 * cross before train: then ratio < 1 and delay < 0 → generalize.
 *
 * Threshold reading: t_mem / t_gen = first logged step where the metric is ≥ threshold (≤ for
 * 'below'); NaN, and null as JSON writes NaN, never count. With `sustained`, a step counts only if
 * the metric stays across at every later evaluation (the last evaluation always qualifies).
 *
 * Plateau reading (mode "plateau", or "auto" with `baselines` for both metrics and direction
 * "below"): a penalty β floors the error at a level ∝ β, so no fixed threshold suits every β.
 * Learned = the error ends (mean of its last 3 evaluations) at most `level` × its baseline.
 * t_mem = first step the train error is that low (crossing rules as above). t_gen = the
 * plateau step of the test error (`plateauStep`: as Tikeng Notsawo et al. read t₂), or, for an
 * error still falling at the end, the first step from which it stays that low.
 *
 * t_mem = 0 (the model starts across the train threshold): ratio is null, since t_gen / 0 is no
 * number; the class follows the limit: t_gen = 0 → generalize, t_gen > 0 → grok (ratio → ∞).
 *
 * Throws if an evaluation lacks a metric (naming it and the available ones), if steps are not
 * non-negative and non-decreasing, or if mode "plateau" lacks what it needs.
 */
export function detectGrokking(points: readonly EvalPoint[], options: DetectionOptionsInput = {}, baselines: Baselines = {}): Detection {
  const o = detectionOptionsSchema.parse(options);
  points.forEach((p, i) => {
    if (!(p.step >= 0) || (i > 0 && p.step < points[i - 1].step))
      throw new RangeError(
        `detectGrokking: steps must be non-negative and in order, got ${p.step} at evaluation ${i}${i > 0 ? ` after ${points[i - 1].step}` : ''}`,
      );
  });
  const reading = plateauReading(o, baselines) ? 'plateau' : 'threshold';
  let t_mem: number | null;
  let t_gen: number | null;
  if (reading === 'plateau') {
    const memorized = o.level * baselines[o.trainMetric];
    t_mem = crossing(points, o.trainMetric, memorized, o);
    t_gen = plateauGeneralization(points, o.testMetric, o.level * baselines[o.testMetric], o);
  } else {
    t_mem = crossing(points, o.trainMetric, o.trainThreshold, o);
    t_gen = crossing(points, o.testMetric, o.testThreshold, o);
  }
  if (t_mem === null || t_gen === null) return { t_mem, t_gen, delay: null, ratio: null, outcome: t_mem === null ? 'no-learn' : 'memorize', reading };
  const ratio = t_mem > 0 ? t_gen / t_mem : null;
  const grok = ratio === null ? t_gen > 0 : ratio >= o.ratioThreshold;
  return { t_mem, t_gen, delay: t_gen - t_mem, ratio, outcome: grok ? 'grok' : 'generalize', reading };
}

/** Whether the options and baselines call for the plateau reading (throws if "plateau" is asked for without its inputs). */
function plateauReading(o: DetectionOptions, baselines: Baselines): boolean {
  if (o.mode === 'threshold') return false;
  const missing = [o.trainMetric, o.testMetric].filter((m) => !(baselines[m] > 0));
  if (o.mode === 'auto') return o.direction === 'below' && missing.length === 0;
  if (missing.length > 0)
    throw new Error(
      `detectGrokking: mode "plateau" needs the learned-nothing error of ${missing.join(' and ')}; known for: ${Object.keys(baselines).join(', ') || '(none)'}`,
    );
  return true;
}

/** Evaluations averaged into the final plateau (plateauStep's default). */
const PLATEAU_LAST = 3;

/** The final plateau (mean of the last PLATEAU_LAST evaluations) is at or below `level`. */
function learned(points: readonly EvalPoint[], metric: string, level: number): boolean {
  const tail = points.slice(-PLATEAU_LAST).map((p) => value(p, metric));
  return tail.length === PLATEAU_LAST && tail.reduce((a, b) => a + b, 0) / PLATEAU_LAST <= level;
}

function plateauGeneralization(points: readonly EvalPoint[], metric: string, level: number, o: DetectionOptions): number | null {
  if (!learned(points, metric, level)) return null;
  return plateauStep(points, metric, { last: PLATEAU_LAST }) ?? crossing(points, metric, level, { ...o, sustained: true });
}

function value(p: EvalPoint, metric: string): number {
  if (!Object.hasOwn(p.metrics, metric)) {
    throw new Error(`detectGrokking: metric "${metric}" missing at step ${p.step}; available: ${Object.keys(p.metrics).join(', ') || '(none)'}`);
  }
  const v = p.metrics[metric];
  // NOTE: JSON writes NaN as null; both count as not across (comparisons with NaN are false).
  return typeof v === 'number' ? v : NaN;
}

/** First step across the threshold (sustained: from which on every value is across), or null. */
function crossing(points: readonly EvalPoint[], metric: string, threshold: number, o: DetectionOptions): number | null {
  const across = points.map((p) => {
    const v = value(p, metric);
    return o.direction === 'above' ? v >= threshold : v <= threshold;
  });
  const i = o.sustained ? across.lastIndexOf(false) + 1 : across.indexOf(true);
  return i >= 0 && i < points.length ? points[i].step : null;
}
