// A scalar field over a regular 2-D grid as a heatmap, with paths drawn across it (optimizer
// trajectories through a loss landscape): start squares labelled, end dots, as in Miller et
// al.'s GP landscapes.
import type { PanelSpec } from './spec.js';

export interface GridCell {
  x: number;
  y: number;
  value: number;
}

export interface LandscapePath {
  /** drawn in the start square */
  label: string;
  points: readonly { x: number; y: number }[];
}

export interface LandscapePanelInput {
  cells: readonly GridCell[];
  paths?: readonly LandscapePath[];
  title: string;
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  width?: number;
  height?: number;
  /** a vega colour scheme (default "redblue", matplotlib's RdBu as in the paper) */
  scheme?: string;
}

/** Sorted distinct values and the half-step around each, so cells tile the plane. */
function edges(values: readonly number[]): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out = new Map<number, [number, number]>();
  sorted.forEach((v, i) => {
    const left = i > 0 ? (v - sorted[i - 1]) / 2 : i + 1 < sorted.length ? (sorted[i + 1] - v) / 2 : 0.5;
    const right = i + 1 < sorted.length ? (sorted[i + 1] - v) / 2 : left;
    out.set(v, [v - left, v + right]);
  });
  return out;
}

export function landscapePanel(input: LandscapePanelInput): PanelSpec {
  const { width = 300, height = 300 } = input;
  const xs = edges(input.cells.map((c) => c.x));
  const ys = edges(input.cells.map((c) => c.y));
  const rows = input.cells
    .filter((c) => Number.isFinite(c.value))
    .map((c) => ({ x: xs.get(c.x)![0], x2: xs.get(c.x)![1], y: ys.get(c.y)![0], y2: ys.get(c.y)![1], value: c.value }));
  const xDomain = [Math.min(...rows.map((r) => r.x)), Math.max(...rows.map((r) => r.x2))];
  const yDomain = [Math.min(...rows.map((r) => r.y)), Math.max(...rows.map((r) => r.y2))];
  const x = { field: 'x', type: 'quantitative', scale: { domain: xDomain, nice: false, zero: false }, axis: { title: input.xTitle } };
  const y = { field: 'y', type: 'quantitative', scale: { domain: yDomain, nice: false, zero: false }, axis: { title: input.yTitle } };
  const paths = input.paths ?? [];
  const lines = paths.flatMap((p) => p.points.map((q, order) => ({ path: p.label, order, x: q.x, y: q.y })));
  const starts = paths.filter((p) => p.points.length > 0).map((p) => ({ label: p.label, x: p.points[0].x, y: p.points[0].y }));
  const ends = paths.filter((p) => p.points.length > 0).map((p) => ({ label: p.label, x: p.points.at(-1)!.x, y: p.points.at(-1)!.y }));
  const xy = { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } };
  return {
    title: input.title,
    width,
    height,
    layer: [
      {
        data: { values: rows },
        // NOTE: each cell stroked in its own colour, or anti-aliased seams show between cells.
        mark: { type: 'rect', strokeWidth: 0.6 },
        encoding: {
          x,
          x2: { field: 'x2' },
          y,
          y2: { field: 'y2' },
          color: {
            field: 'value',
            type: 'quantitative',
            title: input.valueTitle,
            scale: { scheme: input.scheme ?? 'redblue' },
            legend: { orient: 'bottom', direction: 'horizontal', gradientLength: width - 40 },
          },
          stroke: { field: 'value', type: 'quantitative', scale: { scheme: input.scheme ?? 'redblue' }, legend: null },
        },
      },
      ...(lines.length
        ? [
            {
              data: { values: lines },
              mark: { type: 'line', color: 'black', strokeWidth: 1.6, clip: true },
              encoding: { ...xy, detail: { field: 'path' }, order: { field: 'order' } },
            },
            { data: { values: ends }, mark: { type: 'point', shape: 'circle', filled: true, color: 'white', stroke: 'black', size: 70 }, encoding: xy },
            { data: { values: starts }, mark: { type: 'square', color: 'white', stroke: 'black', size: 260 }, encoding: xy },
            { data: { values: starts }, mark: { type: 'text', fontSize: 11, fontWeight: 'bold' }, encoding: { ...xy, text: { field: 'label' } } },
          ]
        : []),
    ],
  } as PanelSpec;
}
