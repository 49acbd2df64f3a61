// Phase diagrams of a sweep: a heatmap over two swept parameters, coloured by the outcome class
// (Liu et al. 2022 and Omnigrok draw the same plane) with one sub-cell per seed, or by any
// numeric summary such as log10 of the grokking delay.
import { SCHEMA, type VegaLiteSpec } from './spec.js';
import { config, TAB10 } from './theme.js';

export const OUTCOMES = ['no-learn', 'memorize', 'generalize', 'grok'] as const;
const OUTCOME_COLORS = ['#b0b0b0', TAB10[3], TAB10[0], TAB10[2]];

export interface PhaseCell {
  x: number | string;
  y: number | string;
  seed: number;
  /** outcome class, or null for a run without a summary (drawn as "not run") */
  outcome: string | null;
  /** the numeric summary to colour by, when there is one */
  value?: number | null;
  facet?: number | string;
}

export interface PhaseDiagramOptions {
  xTitle: string;
  yTitle: string;
  title?: string;
  /** colour by `value` (a numeric summary named here) instead of the outcome */
  valueTitle?: string;
  facetTitle?: string;
}

const label = (v: number | string) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : v);

/** Distinct values in ascending order (numbers numerically), as axis labels. */
function order(values: (number | string)[]): string[] {
  const distinct = [...new Set(values)];
  distinct.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  return distinct.map(label);
}

export function phaseDiagramSpec(cells: readonly PhaseCell[], options: PhaseDiagramOptions): VegaLiteSpec {
  if (cells.length === 0) throw new Error('phaseDiagramSpec: no runs to draw');
  const numeric = options.valueTitle !== undefined;
  const values = cells.map((c) => ({
    x: label(c.x),
    y: label(c.y),
    seed: c.seed,
    outcome: c.outcome ?? 'not run',
    value: c.value ?? null,
    ...(c.facet !== undefined ? { facet: label(c.facet) } : {}),
  }));
  const xs = order(cells.map((c) => c.x));
  const ys = order(cells.map((c) => c.y));
  const size = Math.max(22, Math.min(60, Math.round(480 / Math.max(xs.length, ys.length))));
  const color = numeric
    ? { field: 'value', type: 'quantitative', title: options.valueTitle, scale: { scheme: 'viridis' } }
    : {
        field: 'outcome',
        type: 'nominal',
        title: 'outcome',
        scale: { domain: [...OUTCOMES, 'not run'], range: [...OUTCOME_COLORS, '#f2f2f2'] },
      };
  const inner = {
    width: size * xs.length,
    height: size * ys.length,
    mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.6 },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: xs, title: options.xTitle, axis: { labelAngle: 0 }, scale: { paddingInner: 0.06, paddingOuter: 0 } },
      // Seeds side by side inside a cell: disagreement between seeds stays visible.
      xOffset: { field: 'seed', type: 'nominal' },
      // Larger values up, as in the papers' phase diagrams.
      y: { field: 'y', type: 'ordinal', sort: [...ys].reverse(), title: options.yTitle, scale: { paddingInner: 0.06, paddingOuter: 0 } },
      color,
      tooltip: [{ field: 'x' }, { field: 'y' }, { field: 'seed' }, { field: 'outcome' }, ...(numeric ? [{ field: 'value' }] : [])],
    },
  };
  const faceted = cells.some((c) => c.facet !== undefined);
  return {
    $schema: SCHEMA,
    ...(options.title ? { title: { text: options.title, subtitle: numeric ? undefined : 'one sub-cell per seed' } } : {}),
    data: { values },
    ...(faceted ? { facet: { column: { field: 'facet', type: 'ordinal', title: options.facetTitle } }, spec: inner } : inner),
    config,
  } as VegaLiteSpec;
}
