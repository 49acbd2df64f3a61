// The grokking detector: when did the model fit its training set (t_mem), when did it generalize
// (t_gen), and which outcome class the run falls in (the vocabulary the papers share).
import { z } from 'zod';

export const detectionOptionsSchema = z
  .object({
    trainMetric: z.string().min(1).default('train_acc').describe('metric whose crossing marks memorization (t_mem)'),
    testMetric: z.string().min(1).default('test_acc').describe('metric whose crossing marks generalization (t_gen)'),
    direction: z.enum(['above', 'below']).default('above').describe('"above": crossed when metric ≥ threshold (accuracy); "below": when metric ≤ threshold (error, loss)'),
    trainThreshold: z.number().default(0.99).describe('threshold of the train metric (for "below" set an error level, e.g. 1e-4)'),
    testThreshold: z.number().default(0.99).describe('threshold of the test metric (for "below" set an error level, e.g. 1e-4)'),
    ratioThreshold: z.number().positive().default(10).describe('R: a run that crosses both is "grok" if t_gen / t_mem ≥ R, else "generalize"'),
    sustained: z.boolean().default(false).describe('count a crossing only if the metric stays across the threshold at every later evaluation (ignores transient spikes)'),
  })
  .strict()
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

/** snake_case: this goes to summary.json as is. null = not reached (or undefined, for ratio). */
export interface Detection {
  t_mem: number | null;
  t_gen: number | null;
  delay: number | null;
  ratio: number | null;
  outcome: Outcome;
}

/**
 * Reads t_mem and t_gen (first logged step where the metric is ≥ threshold, or ≤ for 'below';
 * NaN, and null as JSON writes NaN, never count) and classifies the run: no-learn (train never
 * crosses, whatever test does), memorize (train only), generalize (both, ratio < R) or grok
 * (both, ratio ≥ R). Test may cross before train: then ratio < 1 and delay < 0 → generalize.
 *
 * With `sustained`, a step counts only if the metric stays across at every later evaluation
 * (the last evaluation always qualifies if it is across).
 *
 * t_mem = 0 (the model starts across the train threshold): ratio is null, since t_gen / 0 is no
 * number; the class follows the limit: t_gen = 0 → generalize, t_gen > 0 → grok (ratio → ∞).
 *
 * Throws if an evaluation lacks a metric (naming it and the available ones) or if steps are
 * not non-negative and non-decreasing.
 */
export function detectGrokking(points: readonly EvalPoint[], options: DetectionOptionsInput = {}): Detection {
  const o = detectionOptionsSchema.parse(options);
  points.forEach((p, i) => {
    if (!(p.step >= 0) || (i > 0 && p.step < points[i - 1].step)) throw new RangeError(`detectGrokking: steps must be non-negative and in order, got ${p.step} at evaluation ${i}${i > 0 ? ` after ${points[i - 1].step}` : ''}`);
  });
  const t_mem = crossing(points, o.trainMetric, o.trainThreshold, o);
  const t_gen = crossing(points, o.testMetric, o.testThreshold, o);
  if (t_mem === null || t_gen === null) return { t_mem, t_gen, delay: null, ratio: null, outcome: t_mem === null ? 'no-learn' : 'memorize' };
  const ratio = t_mem > 0 ? t_gen / t_mem : null;
  const grok = ratio === null ? t_gen > 0 : ratio >= o.ratioThreshold;
  return { t_mem, t_gen, delay: t_gen - t_mem, ratio, outcome: grok ? 'grok' : 'generalize' };
}

/** First step across the threshold (sustained: from which on every value is across), or null. */
function crossing(points: readonly EvalPoint[], metric: string, threshold: number, o: DetectionOptions): number | null {
  const across = points.map((p) => {
    if (!Object.hasOwn(p.metrics, metric)) {
      throw new Error(`detectGrokking: metric "${metric}" missing at step ${p.step}; available: ${Object.keys(p.metrics).join(', ') || '(none)'}`);
    }
    const v = p.metrics[metric];
    // NOTE: comparisons with NaN are false, and JSON null (NaN after a round trip) is excluded explicitly.
    return typeof v === 'number' && (o.direction === 'above' ? v >= threshold : v <= threshold);
  });
  const i = o.sustained ? across.lastIndexOf(false) + 1 : across.indexOf(true);
  return i >= 0 && i < points.length ? points[i].step : null;
}
