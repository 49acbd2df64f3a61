// Publication-like defaults shared by every figure: one font, quiet axes, matplotlib's tab10 colours.
import type { Config } from 'vega-lite';
import { FONT_FAMILY } from './font.js';

/** Series colours in order: blue, orange, green, red, … */
export const TAB10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

export const COLORS = { train: TAB10[0], test: TAB10[1], rule: '#555555' } as const;

export const PANEL = { width: 600, height: 180 } as const;

export const config: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 10,
  view: { stroke: '#bbbbbb' },
  axis: {
    labelFontSize: 11,
    labelColor: '#333333',
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    domainColor: '#888888',
    tickColor: '#888888',
    gridColor: '#ececec',
  },
  // Room for labels like 0.0001 on every y axis, so stacked panels' axis titles line up.
  axisY: { minExtent: 44 },
  // Vega cuts legend labels at 160 px by default; fitted laws and run ids are longer.
  legend: { labelFontSize: 11, labelColor: '#333333', symbolStrokeWidth: 2.5, labelLimit: 400 },
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555555', offset: 12 },
  line: { strokeWidth: 1.6 },
};
