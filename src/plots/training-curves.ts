// The standard grokking figure: accuracy, loss and weight norm over a shared log step axis, with
// t_mem and t_gen marked on every panel (log step axis, log loss axis, as the papers plot them).
import type { Metrics } from '../metrics/types.js';
import { linePanel, type LinePanelInput, type Rule, type Series } from './line-chart.js';
import { SCHEMA, type PanelSpec, type VegaLiteSpec } from './spec.js';
import { COLORS, PANEL, TAB10, config } from './theme.js';

export interface EvalPoint {
  step: number;
  metrics: Metrics;
}

export interface GrokSummary {
  t_mem: number | null;
  t_gen: number | null;
  title?: string;
  /** said after the times in the subtitle, e.g. why the run ended early */
  note?: string;
}

export interface TrainingCurvesOptions {
  width?: number;
  panelHeight?: number;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const ratioFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

export function trainingCurvesSpec(evals: readonly EvalPoint[], summary: GrokSummary, options: TrainingCurvesOptions = {}): VegaLiteSpec {
  // Step 0 (the initial evaluation) has no place on a log axis: its points are dropped, not moved.
  const points = evals.filter((e) => e.step > 0);
  if (points.length === 0) throw new Error('trainingCurvesSpec: no evaluation after step 0');
  const steps = points.map((e) => e.step);
  const xDomain: [number, number] = [steps.reduce((a, b) => Math.min(a, b)), steps.reduce((a, b) => Math.max(a, b))];
  const common = {
    xLog: true,
    xDomain,
    xTitle: 'step (log scale)',
    rules: rules(summary),
    width: options.width ?? PANEL.width,
    height: options.panelHeight ?? PANEL.height,
  };
  const panels: Omit<LinePanelInput, keyof typeof common>[] = [];
  const splits = (metric: string) => (['train', 'test'] as const).map((split) => series(points, `${split}_${metric}`, split, COLORS[split]));
  const accuracy = splits('acc').filter(nonEmpty);
  if (accuracy.length > 0) panels.push({ series: accuracy, yTitle: 'accuracy', yDomain: [0, 1], yFormat: '~%' });
  // Relative errors (estimation tasks) span many decades: a log axis, as in Tikeng Notsawo et al.
  const error = splits('error').filter(positive);
  if (error.length > 0) panels.push({ series: error, yTitle: 'relative error (log)', yLog: true, legend: accuracy.length === 0 });
  const loss = splits('loss').filter(positive);
  // One train/test legend is enough: the loss panel shows its own only for a split accuracy lacks.
  const legend = loss.some((s) => ![...accuracy, ...error].some((a) => a.name === s.name));
  if (loss.length > 0) panels.push({ series: loss, yTitle: 'loss (log)', yLog: true, legend });
  const weights = weightNames(points).map((name, i) => series(points, name, name, TAB10[(2 + i) % TAB10.length]));
  // ℓ0 is a count (tens of thousands) beside norms of order 1: a panel of its own. Several norms
  // (ℓ1, ℓ2, nuclear) differ by orders of magnitude: a log axis; ‖W‖₂ alone stays linear.
  const linearNorms = weights.filter((s) => s.name !== 'weight_l0' && nonEmpty(s));
  const norms = linearNorms.length > 1 ? linearNorms.filter(positive) : linearNorms;
  if (norms.length > 0) panels.push({ series: norms, yTitle: norms.length > 1 ? 'weight norm (log)' : 'weight norm', yLog: norms.length > 1 });
  const l0 = weights.filter((s) => s.name === 'weight_l0' && nonEmpty(s));
  if (l0.length > 0) panels.push({ series: l0, yTitle: 'weights |w| > 1e-4', legend: false });
  if (panels.length === 0) throw new Error('trainingCurvesSpec: no train_/test_ acc, error or loss, nor weight_* metric');

  const vconcat: PanelSpec[] = panels.map((p, i) => linePanel({ ...common, ...p, xLabels: i === panels.length - 1 }));
  return {
    $schema: SCHEMA,
    config,
    title: { text: summary.title ?? 'training curves', subtitle: subtitle(summary) },
    vconcat,
    spacing: 14,
    resolve: { scale: { x: 'shared', color: 'independent' } },
  } as VegaLiteSpec;
}

/** A metric's finite values (a diverged run's last evaluation is NaN, or null after JSON). */
function series(points: readonly EvalPoint[], metric: string, name: string, color: string): Series {
  const xy = points.filter((e) => Number.isFinite(e.metrics[metric])).map((e) => ({ x: e.step, y: e.metrics[metric]! }));
  return { name, color, points: xy };
}

function nonEmpty(s: Series): boolean {
  return s.points.length > 0;
}

/** A series with a point a log axis can show. */
function positive(s: Series): boolean {
  return s.points.some((p) => p.y > 0);
}

/** weight_l2 first (the usual norm), then any other weight_* metric in name order. */
function weightNames(points: readonly EvalPoint[]): string[] {
  const names = new Set(points.flatMap((e) => Object.keys(e.metrics).filter((k) => k.startsWith('weight_'))));
  return [...names].sort((a, b) => Number(b === 'weight_l2') - Number(a === 'weight_l2') || a.localeCompare(b));
}

/** t_mem's label prefers the left of its line and t_gen's the right, which keeps close rules' labels apart. */
function rules({ t_mem, t_gen }: GrokSummary): Rule[] {
  const out: Rule[] = [];
  if (t_mem !== null) out.push({ x: t_mem, label: `t_mem = ${count.format(t_mem)}`, color: COLORS.train, side: 'left' });
  if (t_gen !== null) out.push({ x: t_gen, label: `t_gen = ${count.format(t_gen)}`, color: COLORS.test, side: 'right' });
  return out;
}

function subtitle({ t_mem, t_gen, note }: GrokSummary): string {
  const at = (t: number | null) => (t === null ? 'not reached' : count.format(t));
  const ratio = t_mem !== null && t_gen !== null && t_mem > 0 ? ` · ratio ${ratioFormat.format(t_gen / t_mem)}` : '';
  return `t_mem = ${at(t_mem)} · t_gen = ${at(t_gen)}${ratio}${note ? ` · ${note}` : ''}`;
}
