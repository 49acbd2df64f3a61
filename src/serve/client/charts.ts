// Line charts on a logarithmic step axis, drawn by uPlot: a canvas chart that draws 1e5-point
// series in milliseconds, so a run still training redraws on every new evaluation.
import uPlot from 'uplot';
import type { CurveColumns } from '../api-types.js';
import { h } from './dom.js';

/** matplotlib's tab10, the palette of groklab's PNG plots: train blue, test orange. */
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
export const TRAIN = PALETTE[0];
export const TEST = PALETTE[1];

export interface SeriesStyle {
  label: string;
  color: string;
  dash?: number[];
  width?: number;
}

export interface ChartOptions {
  title: string;
  yLabel: string;
  logY?: boolean;
  /** fixed y range, e.g. [0, 1] for accuracy */
  yRange?: [number, number];
  series: SeriesStyle[];
  /** vertical rules at these steps, e.g. t_mem and t_gen */
  markers?: { step: number; label: string }[];
  /** charts with the same key share the cursor */
  syncKey?: string;
  height?: number;
}

/** x = the steps after step 0 (a log axis has no 0); y = one array per series, null where missing or not drawable. */
export function aligned(columns: CurveColumns, names: string[], positiveOnly: boolean): uPlot.AlignedData {
  const keep: number[] = [];
  columns.step.forEach((s, i) => {
    if (s > 0) keep.push(i);
  });
  const ys = names.map((n) => {
    const col = columns.series[n] ?? [];
    return keep.map((i) => {
      const v = col[i];
      return v === null || v === undefined || !Number.isFinite(v) || (positiveOnly && v <= 0) ? null : v;
    });
  });
  return [keep.map((i) => columns.step[i]), ...ys] as uPlot.AlignedData;
}

function markersPlugin(markers: () => { step: number; label: string }[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const ratio = devicePixelRatio || 1;
        ctx.save();
        ctx.font = `${11 * ratio}px system-ui, sans-serif`;
        ctx.fillStyle = '#555';
        ctx.strokeStyle = '#888';
        ctx.setLineDash([4 * ratio, 4 * ratio]);
        ctx.lineWidth = ratio;
        for (const m of markers()) {
          const x = u.valToPos(m.step, 'x', true);
          if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText(m.label, x + 4 * ratio, u.bbox.top + 12 * ratio);
        }
        ctx.restore();
      },
    },
  };
}

// A log axis hands null for the ticks it leaves unlabelled.
const tickLabel = (v: number | null) => {
  if (v === null) return '';
  if (v === 0) return '0';
  const e = Math.log10(Math.abs(v));
  if (Number.isInteger(Math.round(e * 1e6) / 1e6) && Math.abs(e) >= 3) return `1e${Math.round(e)}`;
  return String(Number(v.toPrecision(3)));
};

const isDecade = (v: number | null) => v !== null && v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/** On a log axis spanning two decades or more, grid lines and ticks at the powers of ten only: uPlot's 2…9 lines crowd the plot. */
function decadesOnly(u: uPlot, splits: number[], axis: number): (number | null)[] {
  const scale = u.axes[axis].scale ?? (axis === 0 ? 'x' : 'y');
  if (u.scales[scale].distr !== 3) return splits;
  return splits.filter(isDecade).length >= 2 ? splits.map((v) => (isDecade(v) ? v : null)) : splits;
}

export class CurveChart {
  readonly element: HTMLElement;
  private readonly plot: uPlot;
  private markers: { step: number; label: string }[];
  private readonly resize: ResizeObserver;

  constructor(parent: HTMLElement, options: ChartOptions, data: uPlot.AlignedData) {
    this.markers = options.markers ?? [];
    const holder = h('div', { class: 'chart-canvas' });
    this.element = h('figure', { class: 'chart' }, h('figcaption', {}, options.title), holder);
    parent.append(this.element);
    const width = Math.max(320, holder.clientWidth || parent.clientWidth || 640);
    const opts: uPlot.Options = {
      width,
      height: options.height ?? 240,
      cursor: options.syncKey ? { sync: { key: options.syncKey } } : {},
      scales: {
        x: { time: false, distr: 3 },
        y: options.logY ? { distr: 3 } : options.yRange ? { range: options.yRange } : {},
      },
      axes: [
        {
          label: 'step',
          values: (_u, ticks) => ticks.map(tickLabel),
          grid: { stroke: '#eee', filter: decadesOnly },
          ticks: { stroke: '#ccc', filter: decadesOnly },
        },
        {
          label: options.yLabel,
          values: (_u, ticks) => ticks.map(tickLabel),
          grid: { stroke: '#eee', filter: decadesOnly },
          ticks: { stroke: '#ccc', filter: decadesOnly },
          size: 56,
        },
      ],
      series: [
        { label: 'step', value: (_u, v) => (v === null ? '–' : v.toLocaleString('en-US')) },
        ...options.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 1.6,
          dash: s.dash,
          spanGaps: true,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : String(Number(v.toPrecision(4)))),
        })),
      ],
      plugins: [markersPlugin(() => this.markers)],
    };
    this.plot = new uPlot(opts, data, holder);
    this.resize = new ResizeObserver(() => {
      const w = Math.max(320, holder.clientWidth);
      if (Math.abs(w - this.plot.width) > 2) this.plot.setSize({ width: w, height: this.plot.height });
    });
    this.resize.observe(holder);
  }

  setData(data: uPlot.AlignedData, markers?: { step: number; label: string }[]): void {
    if (markers) this.markers = markers;
    this.plot.setData(data);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot.destroy();
  }
}
