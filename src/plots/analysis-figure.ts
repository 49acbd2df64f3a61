// A run's measures over training (`groklab analyze`): stacked panels on one log step axis, the
// run's own accuracy on top so each measure can be read against when test accuracy rises.
import { linePanel, type Rule, type Series } from './line-chart.js';
import { SCHEMA, type PanelSpec, type VegaLiteSpec } from './spec.js';
import { PANEL, config } from './theme.js';

export interface AnalysisPanel {
  title: string;
  series: readonly Series[];
  yLog?: boolean;
  /** fractions: a fixed [0, 1] axis */
  unit?: boolean;
}

export interface AnalysisFigureInput {
  title: string;
  subtitle?: string;
  panels: readonly AnalysisPanel[];
  rules?: readonly Rule[];
}

export function analysisFigureSpec({ title, subtitle, panels, rules = [] }: AnalysisFigureInput): VegaLiteSpec {
  // Step 0 has no place on a log axis; a panel left with nothing to draw is dropped.
  const positive = panels
    .map((p) => ({
      ...p,
      series: p.series
        .map((s) => ({ ...s, points: s.points.filter((pt) => pt.x > 0 && Number.isFinite(pt.y) && (!p.yLog || pt.y > 0)) }))
        .filter((s) => s.points.length > 0),
    }))
    .filter((p) => p.series.length > 0);
  if (positive.length === 0) throw new Error('analysisFigureSpec: no measure has a point after step 0');
  const xs = positive.flatMap((p) => p.series.flatMap((s) => s.points.map((pt) => pt.x)));
  const xDomain: [number, number] = [Math.min(...xs), Math.max(...xs)];
  if (xDomain[0] === xDomain[1]) xDomain[1] = xDomain[0] * 10;
  const vconcat: PanelSpec[] = positive.map((p, i) =>
    linePanel({
      series: p.series,
      xTitle: 'step (log scale)',
      yTitle: p.title,
      xLog: true,
      xDomain,
      yLog: p.yLog,
      ...(p.unit ? { yDomain: [0, 1] as const } : {}),
      rules,
      width: PANEL.width,
      height: 150,
      xLabels: i === positive.length - 1,
      points: p.series.every((s) => s.points.length <= 3),
    }),
  );
  return {
    $schema: SCHEMA,
    config,
    title: { text: title, ...(subtitle ? { subtitle } : {}) },
    vconcat,
    spacing: 14,
    resolve: { scale: { x: 'shared', color: 'independent' } },
  } as VegaLiteSpec;
}
