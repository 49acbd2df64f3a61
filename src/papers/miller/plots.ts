// The figures of Miller, O'Neill & Bui 2024 reproduced: the concealment gap against the number
// of spurious bits (log y, one colour per task, fitted exponentials), and the BNN's error and
// complexity (KL/N) as trajectories coloured by the grokking gap and against the epoch.
import { figureSpec, linePanel, logLabels, logTicks, TAB10, type PanelSpec, type Series, type VegaLiteSpec } from '../../plots/index.js';

/** Whole decades around positive values, so a log axis is labelled at both ends. */
function decades(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

function logAxis(field: string, title: string, domain: [number, number]) {
  const ticks = logTicks(domain[0], domain[1]);
  return { field, type: 'quantitative', title, scale: { type: 'log', domain, nice: false }, axis: { values: ticks, ...logLabels(ticks) } };
}

export interface TaskGaps {
  task: string;
  /** one point per run */
  points: { l: number; gap: number }[];
  fit: { a: number; b: number };
}

/** Δ against l, log y: every run as a dot (Δ ≤ 0 has no place on the axis), each task's fit as a line, the pooled fit in black. */
export function gapVsLengthSpec(tasks: readonly TaskGaps[], pooled: { a: number; b: number }, subtitle: string): VegaLiteSpec {
  const ls = tasks.flatMap((t) => t.points.map((p) => p.l));
  const [lMin, lMax] = [Math.min(...ls), Math.max(...ls)];
  const curve = (name: string, { a, b }: { a: number; b: number }) =>
    Array.from({ length: 41 }, (_, i) => lMin + ((lMax - lMin) * i) / 40).map((l) => ({ series: name, l, gap: b * Math.exp(a * l) }));
  const dots = tasks.flatMap((t) => t.points.filter((p) => p.gap > 0).map((p) => ({ series: t.task, l: p.l, gap: p.gap })));
  const lines = [...tasks.flatMap((t) => curve(t.task, t.fit)), ...curve('pooled fit', pooled)];
  const names = [...tasks.map((t) => t.task), 'pooled fit'];
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: names, range: [...tasks.map((_, i) => TAB10[i % TAB10.length]), '#000000'] },
  };
  const y = logAxis('gap', 'grokking gap Δ (epochs)', decades([...dots.map((d) => d.gap), ...lines.map((d) => d.gap)]));
  const x = { field: 'l', type: 'quantitative', title: 'spurious bits l', scale: { domain: [lMin, lMax], nice: false, padding: 8 } };
  const panel = {
    width: 520,
    height: 320,
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line', clip: true },
        encoding: { x, y, color, strokeDash: { condition: { test: "datum.series === 'pooled fit'", value: [6, 3] }, value: [1, 0] } },
      },
      { data: { values: dots }, mark: { type: 'point', filled: true, size: 38, opacity: 0.75 }, encoding: { x, y, color } },
    ],
  } as PanelSpec;
  return figureSpec({ title: 'Concealment: the gap grows exponentially in the spurious bits', subtitle, rows: [[panel]] });
}

export interface Trajectory {
  label: string;
  gap: number;
  /** per epoch */
  points: { error: number; complexity: number }[];
}

/** Centred moving geometric mean over `window` values (fewer at the ends): the sampled error jumps from epoch to epoch. */
export function smoothLog(values: readonly number[], window: number): number[] {
  const half = Math.floor(window / 2);
  return values.map((_, i) => {
    const part = values.slice(Math.max(0, i - half), i + half + 1);
    return Math.exp(part.reduce((s, v) => s + Math.log(v), 0) / part.length);
  });
}

/** The error smoothing of the trajectories, in epochs. */
const ERROR_WINDOW = 15;

/** Error (x) against complexity (y), log–log, one trajectory per σ coloured by its grokking gap. */
export function errorComplexitySpec(trajectories: readonly Trajectory[], subtitle: string): VegaLiteSpec {
  const rows = trajectories.flatMap((t) => {
    const error = smoothLog(
      t.points.map((p) => p.error),
      ERROR_WINDOW,
    );
    return t.points.map((p, epoch) => ({ label: t.label, gap: t.gap, epoch, error: error[epoch], complexity: p.complexity }));
  });
  const finite = rows.filter((r) => r.error > 0 && r.complexity > 0 && Number.isFinite(r.error) && Number.isFinite(r.complexity));
  const x = logAxis('error', 'error (training cross-entropy)', decades(finite.map((r) => r.error)));
  const y = logAxis('complexity', 'complexity (KL / N)', decades(finite.map((r) => r.complexity)));
  const color = { field: 'gap', type: 'quantitative', title: 'gap (epochs)', scale: { scheme: 'plasma' } };
  const panel = {
    width: 440,
    height: 360,
    data: { values: finite },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1.8, opacity: 0.9 },
        encoding: { x, y, color, detail: { field: 'label' }, order: { field: 'epoch', type: 'quantitative' } },
      },
      { transform: [{ filter: 'datum.epoch === 0' }], mark: { type: 'point', shape: 'circle', size: 40, filled: true }, encoding: { x, y, color } },
    ],
  } as PanelSpec;
  return figureSpec({
    title: 'BNN on parity: error against complexity',
    subtitle: `${subtitle}; error: ${ERROR_WINDOW}-epoch moving geometric mean; a dot marks the first epoch`,
    rows: [[panel]],
  });
}

/** Error and complexity against the epoch (log x, log y), one line per σ. */
export function errorComplexityCurvesSpec(series: readonly { label: string; error: number[]; complexity: number[] }[], subtitle: string): VegaLiteSpec {
  const toSeries = (key: 'error' | 'complexity'): Series[] => series.map((s) => ({ name: s.label, points: s[key].map((v, i) => ({ x: i + 1, y: v })) }));
  return figureSpec({
    title: 'BNN on parity: error and complexity during training',
    subtitle,
    rows: [
      [linePanel({ series: toSeries('error'), xTitle: 'epoch', yTitle: 'error (train CE)', xLog: true, yLog: true, xLabels: false, height: 200 })],
      [linePanel({ series: toSeries('complexity'), xTitle: 'epoch', yTitle: 'complexity (KL / N)', xLog: true, yLog: true, legend: false, height: 200 })],
    ],
  });
}
