import { describe, expect, it } from 'vitest';
import { renderSpec } from './render.js';
import { assertWellFormed, axes, countColor, decodePng, firstCrossing, linePaths, syntheticGrokEvals, textsOfRole } from './testing.js';
import { COLORS, TAB10 } from './theme.js';
import { trainingCurvesSpec, type EvalPoint } from './training-curves.js';

const evals = syntheticGrokEvals();
const summary = { t_mem: firstCrossing(evals, 'train_acc', 0.99), t_gen: firstCrossing(evals, 'test_acc', 0.99), title: 'synthetic grokking' };

/** The same evals keeping only the metrics named. */
function only(names: string[]): EvalPoint[] {
  return evals.map(({ step, metrics }) => ({ step, metrics: Object.fromEntries(names.filter((n) => n in metrics).map((n) => [n, metrics[n]!])) }));
}

describe('the synthetic run', () => {
  it('is grokking-shaped: train crosses near step 100-300, test near 3000-10000', () => {
    expect(summary.t_mem).toBeGreaterThanOrEqual(100);
    expect(summary.t_mem).toBeLessThanOrEqual(300);
    expect(summary.t_gen).toBeGreaterThanOrEqual(3000);
    expect(summary.t_gen).toBeLessThanOrEqual(10_000);
  });
});

describe('trainingCurvesSpec rendered', async () => {
  const { svg, png } = await renderSpec(trainingCurvesSpec(evals, summary));

  it('is a well-formed SVG', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(() => assertWellFormed(svg)).not.toThrow();
  });

  it('titles the figure and its axes; only the bottom panel titles the shared step axis', () => {
    expect(textsOfRole(svg, 'title-text')).toEqual(['synthetic grokking']);
    expect(textsOfRole(svg, 'title-subtitle')).toEqual([
      `t_mem = ${summary.t_mem} · t_gen = ${summary.t_gen!.toLocaleString('en-US')} · ratio ${Number((summary.t_gen! / summary.t_mem!).toPrecision(3))}`,
    ]);
    expect(textsOfRole(svg, 'axis-title').sort()).toEqual(['accuracy', 'loss (log)', 'step (log scale)', 'weight norm']);
  });

  it('draws train and test for accuracy and loss, and weight_l2: five lines', () => {
    expect(linePaths(svg).sort()).toEqual(['test', 'test', 'train', 'train', 'weight_l2']);
  });

  it('shows one train/test legend, and one for the weight norm', () => {
    expect(textsOfRole(svg, 'legend-label')).toEqual(['train', 'test', 'weight_l2']);
  });

  it('marks t_mem and t_gen on every panel', () => {
    const labels = textsOfRole(svg, 'mark').filter((t) => t.startsWith('t_'));
    expect(labels.filter((t) => t === `t_mem = ${summary.t_mem}`)).toHaveLength(3);
    expect(labels.filter((t) => t === `t_gen = ${summary.t_gen!.toLocaleString('en-US')}`)).toHaveLength(3);
    expect(svg.match(/aria-roledescription="rule mark"/g)).toHaveLength(6);
  });

  it('puts steps and loss on log axes labelled by decades, accuracy on a linear one', () => {
    const titled = (title: string) => axes(svg).find((a) => a.description.includes(`titled '${title}'`));
    const [acc, loss, step, weight] = ['accuracy', 'loss (log)', 'step (log scale)', 'weight norm'].map(titled);
    expect(step!.description).toMatch(/^X-axis titled 'step \(log scale\)' for a log scale/);
    expect(step!.labels).toEqual(['10⁰', '10¹', '10²', '10³', '10⁴']);
    expect(loss!.description).toMatch(/^Y-axis titled 'loss \(log\)' for a log scale/);
    expect(loss!.labels).toEqual(['10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '10⁰', '10¹']);
    expect(acc!.description).toMatch(/^Y-axis titled 'accuracy' for a linear scale/);
    expect(acc!.labels).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(weight!.description).toMatch(/^Y-axis titled 'weight norm' for a linear scale/);
  });

  it('shares the step axis: upper panels have its ticks but no labels', () => {
    const xAxes = axes(svg).filter((a) => a.description.startsWith('X-axis'));
    expect(xAxes.map((a) => a.description.replace(/titled '[^']*' /, ''))).toEqual(Array(3).fill('X-axis for a log scale with values from 1 to 10,000'));
    expect(xAxes.map((a) => a.labels.length)).toEqual([0, 0, 5]);
  });

  it('rasterizes at 2× to a PNG with the curves and the text in it', () => {
    const image = decodePng(png);
    const [, w, h] = /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    expect([image.width, image.height]).toEqual([2 * w!, 2 * h!]);
    expect(image.width).toBeGreaterThan(1200);
    expect(countColor(image, COLORS.train)).toBeGreaterThan(2000);
    expect(countColor(image, COLORS.test)).toBeGreaterThan(2000);
    expect(countColor(image, TAB10[2])).toBeGreaterThan(1000);
    // Glyphs: dark grey text pixels (nothing else drawn is that dark).
    expect(countColor(image, '#222222', 60)).toBeGreaterThan(5000);
  });
});

describe('trainingCurvesSpec panels follow the metrics present', () => {
  const panels = (points: EvalPoint[]) => (trainingCurvesSpec(points, summary) as { vconcat: unknown[] }).vconcat.length;

  it('omits the weight panel without weight_* metrics, and the loss panel without losses', () => {
    expect(panels(evals)).toBe(3);
    expect(panels(only(['train_acc', 'test_acc', 'train_loss', 'test_loss']))).toBe(2);
    expect(panels(only(['train_acc', 'test_acc']))).toBe(1);
  });

  it('puts several norms on a log axis and the ℓ0 count on a panel of its own', async () => {
    const points = only(['train_loss', 'weight_l2']).map((e) => ({
      ...e,
      metrics: { ...e.metrics, weight_l1: 3000 * e.metrics.weight_l2!, weight_l0: 50_000 },
    }));
    const spec = trainingCurvesSpec(points, summary);
    expect(panels(points)).toBe(3);
    const { svg } = await renderSpec(spec);
    expect(textsOfRole(svg, 'axis-title')).toEqual(expect.arrayContaining(['weight norm (log)', 'weights |w| > 1e-4']));
    expect(linePaths(svg).sort()).toEqual(['train', 'weight_l0', 'weight_l1', 'weight_l2']);
  });

  it('draws only the series present, with the legend on the loss panel when accuracy is absent', async () => {
    const points = only(['train_loss', 'weight_l2']).map((e) => ({ ...e, metrics: { ...e.metrics, weight_l1: 3 * e.metrics.weight_l2! } }));
    const { svg } = await renderSpec(trainingCurvesSpec(points, summary));
    expect(linePaths(svg).sort()).toEqual(['train', 'weight_l1', 'weight_l2']);
    expect(textsOfRole(svg, 'legend-label')).toEqual(['train', 'weight_l2', 'weight_l1']);
    expect(textsOfRole(svg, 'axis-title')).not.toContain('accuracy');
  });

  it('shows the loss legend too when it has a split the accuracy panel lacks', async () => {
    const { svg } = await renderSpec(trainingCurvesSpec(only(['test_acc', 'train_loss', 'test_loss']), summary));
    expect(textsOfRole(svg, 'legend-label')).toEqual(['test', 'train', 'test']);
    const full = await renderSpec(trainingCurvesSpec(only(['train_acc', 'test_acc', 'train_loss']), summary));
    expect(textsOfRole(full.svg, 'legend-label')).toEqual(['train', 'test']);
  });

  it('draws a diverged run from its finite points: a loss that is NaN or null throughout leaves its panel out', async () => {
    const diverged = evals
      .slice(0, 4)
      .map((e, i) => ({ step: e.step, metrics: { ...e.metrics, train_loss: i < 3 ? Number.NaN : Infinity, test_loss: null as unknown as number } }));
    const { svg } = await renderSpec(trainingCurvesSpec(diverged, summary));
    expect(textsOfRole(svg, 'axis-title')).not.toContain('loss (log)');
    expect(linePaths(svg).sort()).toEqual(['test', 'train', 'weight_l2']);
  });

  it('throws when nothing can be drawn', () => {
    expect(() => trainingCurvesSpec(only(['lr']), summary)).toThrow(/no train_\/test_/);
    expect(() => trainingCurvesSpec(evals.slice(0, 1), summary)).toThrow(/after step 0/);
  });

  it('drops step 0, which a log axis cannot place', () => {
    expect(evals[0]!.step).toBe(0);
    expect(JSON.stringify(trainingCurvesSpec(evals, summary))).not.toMatch(/"x":0[,}]/);
  });

  it('leaves out a rule that was not reached, and says so in the subtitle', async () => {
    const { svg } = await renderSpec(trainingCurvesSpec(evals, { t_mem: 200, t_gen: null }));
    expect(textsOfRole(svg, 'title-subtitle')).toEqual(['t_mem = 200 · t_gen = not reached']);
    expect(textsOfRole(svg, 'mark').filter((t) => t.startsWith('t_'))).toEqual(['t_mem = 200', 't_mem = 200', 't_mem = 200']);
  });
});
