// Lines over x, optionally on log axes, with labelled vertical rules: the one building block of
// every curve figure. `linePanel` makes a view to stack; `lineChartSpec` a figure of its own.
import { logLabels, logTicks } from './log-ticks.js';
import { RULE_LABEL, placeRuleLabels, type RuleLabelPlacement } from './rule-labels.js';
import { SCHEMA, type PanelSpec, type VegaLiteSpec } from './spec.js';
import { COLORS, PANEL, TAB10, config } from './theme.js';

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  name: string;
  points: readonly Point[];
  /** default: the tab10 colour of its position */
  color?: string;
  /** draw the points alone in this shape, not joined (e.g. runs censored at a step budget) */
  unjoined?: 'triangle-up' | 'triangle-down' | 'square' | 'diamond';
}

/** A labelled vertical line at `x`, e.g. t_mem or t_gen. */
export interface Rule {
  x: number;
  label: string;
  color?: string;
  /** preferred side of the line for its label (default right); flipped if it would leave the plot */
  side?: 'left' | 'right';
}

export interface LinePanelInput {
  series: readonly Series[];
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  yLog?: boolean;
  rules?: readonly Rule[];
  width?: number;
  height?: number;
  /** default: the data's extent (a log y axis is widened to whole decades; linear ones made nice) */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** d3 format of the y tick labels */
  yFormat?: string;
  /** false hides x tick labels and title, for panels stacked above one that shows them */
  xLabels?: boolean;
  /** false hides the colour legend, for panels whose legend another panel already shows */
  legend?: boolean;
  /** mark every data point (for sparse measurements such as one point per run) */
  points?: boolean;
}

export interface LineChartInput extends LinePanelInput {
  title?: string;
  subtitle?: string;
}

type Domain = readonly [number, number];

export function lineChartSpec(input: LineChartInput): VegaLiteSpec {
  const { title, subtitle, ...panel } = input;
  return {
    $schema: SCHEMA,
    config,
    ...(title === undefined ? {} : { title: { text: title, ...(subtitle === undefined ? {} : { subtitle }) } }),
    ...linePanel(panel),
  } as VegaLiteSpec;
}

export function linePanel(input: LinePanelInput): PanelSpec {
  const { xLog = false, yLog = false, width = PANEL.width, height = PANEL.height } = input;
  // A log axis has no place for values ≤ 0 (step 0, a zero loss), and NaN/∞ (a diverged run) has
  // none anywhere: such points are left out rather than bent onto the axis.
  const rowsOf = (series: readonly Series[]) =>
    series.flatMap((s) => s.points.filter((p) => plottable(p.x, xLog) && plottable(p.y, yLog)).map((p) => ({ series: s.name, x: p.x, y: p.y })));
  const rows = rowsOf(input.series.filter((s) => !s.unjoined));
  const unjoined = rowsOf(input.series.filter((s) => s.unjoined));
  const all = [...rows, ...unjoined];
  if (all.length === 0) throw new Error(`linePanel(${input.yTitle}): no plottable points`);
  const xDomain = input.xDomain ?? extent(all.map((r) => r.x));
  const yDomain = input.yDomain ?? (yLog ? decades(extent(all.map((r) => r.y))) : undefined);
  const encoding = {
    x: position('x', xLog, input.xDomain ?? (xLog ? xDomain : undefined), input.xTitle, input.xLabels ?? true),
    y: position('y', yLog, yDomain, input.yTitle, true, input.yFormat),
    color: {
      field: 'series',
      type: 'nominal',
      scale: { domain: input.series.map((s) => s.name), range: input.series.map((s, i) => s.color ?? TAB10[i % TAB10.length]) },
      legend: input.legend === false ? null : { title: null },
    },
  };
  // With marked points the shapes share the colours' legend, so an unjoined series shows its shape
  // there; on a line without points a shape would add points to it.
  const merged = unjoined.length > 0 && input.points === true;
  const shape = {
    field: 'series',
    type: 'nominal',
    scale: { domain: input.series.map((s) => s.name), range: input.series.map((s) => s.unjoined ?? 'circle') },
    legend: merged ? encoding.color.legend : null,
  };
  const lines = {
    data: { values: rows },
    mark: { type: 'line', clip: true, ...(input.points ? { point: { filled: true, size: 40 } } : {}) },
    encoding: merged ? { ...encoding, shape } : encoding,
  };
  const marks = unjoined.length
    ? [{ data: { values: unjoined }, mark: { type: 'point', filled: true, size: 60, clip: true }, encoding: { ...encoding, shape } }]
    : [];
  // Rules beyond the data's x range are left out. Label positions use the data's x extent, which on
  // a linear axis Vega may round outwards a little: close enough for choosing sides and lines.
  const rules = (input.rules ?? []).filter((r) => plottable(r.x, xLog) && r.x >= xDomain[0] && r.x <= xDomain[1]);
  const toPx = (x: number) => width * fraction(x, xDomain, xLog);
  const placed = placeRuleLabels(
    rules.map((r) => ({ px: toPx(r.x), label: r.label, side: r.side ?? 'right' })),
    width,
  );
  return { width, height, layer: [lines, ...marks, ...rules.flatMap((r, i) => ruleLayers(r, placed[i]!))] } as PanelSpec;
}

/** A log axis needs a domain (the caller's or the data's); a linear one without it is left to Vega to make nice. */
function position(channel: 'x' | 'y', log: boolean, domain: Domain | undefined, title: string, labels: boolean, format?: string) {
  const ticks = log ? logTicks(domain![0], domain![1]) : undefined;
  const labelled = format !== undefined ? { format } : ticks ? logLabels(ticks) : {};
  // Curves start at the left frame; in y a few pixels of air keep a curve at 100 % or at the
  // lowest decade from hiding under the frame.
  const padding = channel === 'y' ? 6 : 0;
  return {
    field: channel,
    type: 'quantitative',
    scale: { type: log ? 'log' : 'linear', padding, ...(log ? {} : { zero: false }), ...(domain ? { domain: [...domain], nice: false } : {}) },
    axis: { title: labels ? title : null, labels, ...(ticks ? { values: ticks } : {}), ...labelled },
  };
}

/** The dashed line, and its label just above the frame, where no curve can run through it. */
function ruleLayers(rule: Rule, at: RuleLabelPlacement) {
  const color = rule.color ?? COLORS.rule;
  const data = { values: [{ x: rule.x, label: rule.label }] };
  const x = { field: 'x', type: 'quantitative' };
  return [
    { data, mark: { type: 'rule', color, strokeDash: [5, 3], strokeWidth: 1.3 }, encoding: { x } },
    {
      data,
      mark: { type: 'text', color, align: at.align, dx: at.dx, baseline: 'bottom', fontSize: RULE_LABEL.fontSize },
      encoding: { x, y: { value: at.y }, text: { field: 'label' } },
    },
  ];
}

function plottable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

function extent(values: readonly number[]): Domain {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // One value alone still needs a range to sit in.
  return lo < hi ? [lo, hi] : [lo === 0 ? -1 : lo - Math.abs(lo) / 2, hi === 0 ? 1 : hi + Math.abs(hi) / 2];
}

/** Out to whole powers of ten, so a log y axis has a labelled tick at both ends. */
function decades([lo, hi]: Domain): Domain {
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

/** Where x sits along the axis, 0 at the left edge and 1 at the right. */
function fraction(x: number, [lo, hi]: Domain, log: boolean): number {
  return log ? Math.log(x / lo) / Math.log(hi / lo) : (x - lo) / (hi - lo);
}
