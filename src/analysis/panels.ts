// The curves of an analysis as figure panels (plain data the plots layer draws): the run's
// accuracy first, then each measure's panels; a loss panel also shows the run's train and test
// loss, the yardstick for restricted and excluded loss.
import type { EvalEvent } from '../runs/events.js';
import { scalarSeries, type AnalysisLine } from './analyze.js';
import type { MeasureChoice } from './registry.js';

export interface CurvePanel {
  title: string;
  series: { name: string; points: { x: number; y: number }[] }[];
  yLog?: boolean;
  unit?: boolean;
}

const metricSeries = (evals: readonly EvalEvent[], metric: string, name = metric) => ({
  name,
  points: evals.filter((e) => typeof e.metrics[metric] === 'number').map((e) => ({ x: e.step, y: e.metrics[metric]! })),
});

export function analysisPanels(lines: readonly AnalysisLine[], choices: readonly MeasureChoice[], evals: readonly EvalEvent[]): CurvePanel[] {
  const series = scalarSeries(lines, choices);
  const panels: CurvePanel[] = [];
  const accuracy = ['train_acc', 'test_acc'].map((m) => metricSeries(evals, m)).filter((s) => s.points.length > 0);
  if (accuracy.length > 0) panels.push({ title: 'accuracy', series: accuracy, unit: true });
  for (const { measure } of choices) {
    const names = [...series.keys()].filter((k) => k.startsWith(`${measure.name}.`)).map((k) => k.slice(measure.name.length + 1));
    for (const panel of measure.panels) {
      const own = panel.scalars(names).map((name) => ({ name, points: series.get(`${measure.name}.${name}`)!.map((p) => ({ x: p.step, y: p.value })) }));
      if (own.length === 0) continue;
      const context = panel.title.startsWith('loss') ? ['train_loss', 'test_loss'].map((m) => metricSeries(evals, m)).filter((s) => s.points.length > 0) : [];
      panels.push({ title: panel.title, series: [...context, ...own], yLog: panel.yLog, unit: panel.unit });
    }
  }
  return panels;
}
