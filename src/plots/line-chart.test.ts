import { describe, expect, it } from 'vitest';
import { lineChartSpec, type LineChartInput } from './line-chart.js';
import { renderSpec } from './render.js';
import { axes, countColor, decodePng, linePaths, pointPaths, textsOfRole } from './testing.js';

const decay = (scale: number) => Array.from({ length: 50 }, (_, i) => ({ x: i * 20, y: scale * Math.exp(-i / 6) }));
const input: LineChartInput = {
  title: 'recovery error',
  subtitle: 'α = 0.1',
  series: [
    { name: 'β = 1e-5', points: decay(1) },
    { name: 'β = 1e-4', points: [...decay(10), { x: 1000, y: 0 }, { x: 1020, y: Number.NaN }], color: '#7f3fbf' },
  ],
  xTitle: 'step',
  yTitle: 'relative error (log)',
  yLog: true,
  rules: [{ x: 300, label: 't₂' }],
};

describe('lineChartSpec', async () => {
  const { svg, png } = await renderSpec(lineChartSpec(input));

  it('draws one line per series, with its legend, titles and labelled rule', () => {
    expect(linePaths(svg)).toEqual(['β = 1e-5', 'β = 1e-4']);
    expect(textsOfRole(svg, 'legend-label')).toEqual(['β = 1e-5', 'β = 1e-4']);
    expect(textsOfRole(svg, 'title-text')).toEqual(['recovery error']);
    expect(textsOfRole(svg, 'title-subtitle')).toEqual(['α = 0.1']);
    expect(textsOfRole(svg, 'mark')).toEqual(['t₂']);
  });

  it('puts x on a linear axis and y on a log axis widened to whole decades', () => {
    const [x, y] = axes(svg);
    expect(x!.description).toMatch(/^X-axis titled 'step' for a linear scale/);
    expect(y!.description).toMatch(/^Y-axis titled 'relative error \(log\)' for a log scale/);
    expect(y!.labels[0]).toBe('10⁻⁴');
    expect(y!.labels.at(-1)).toBe('10¹');
  });

  it('leaves out points a log axis cannot place, and non-finite ones', () => {
    const rows = JSON.stringify(lineChartSpec(input));
    expect(rows).not.toContain('"x":1000');
    expect(rows).not.toContain('"x":1020');
  });

  it('uses a given colour, else tab10 in order', () => {
    const image = decodePng(png);
    expect(countColor(image, '#1f77b4', 20)).toBeGreaterThan(300);
    expect(countColor(image, '#7f3fbf', 20)).toBeGreaterThan(300);
    expect(countColor(image, '#ff7f0e', 20)).toBe(0);
  });

  it('throws on a chart with no plottable point', () => {
    expect(() => lineChartSpec({ ...input, series: [{ name: 'zero', points: [{ x: 1, y: 0 }] }] })).toThrow(/no plottable points/);
  });
});

describe('a series of unjoined points', async () => {
  const censored = { name: 'beyond the budget', color: '#7f7f7f', unjoined: 'triangle-up' as const, points: [1, 2, 3].map((x) => ({ x: x * 100, y: 1 })) };
  const series = [...input.series, censored];

  it('is drawn as its shape, not as a line, and listed in the legend', async () => {
    const { svg, png } = await renderSpec(lineChartSpec({ ...input, series }));
    expect(linePaths(svg)).toEqual(['β = 1e-5', 'β = 1e-4']);
    expect(textsOfRole(svg, 'legend-label')).toEqual(['β = 1e-5', 'β = 1e-4', 'beyond the budget']);
    expect(pointPaths(svg, 'beyond the budget').map((d) => /^M[^A]*Z$/.test(d))).toEqual([true, true, true]);
    // the lines stay lines: no points added to them
    expect(pointPaths(svg, 'β = 1e-5')).toEqual([]);
    expect(countColor(decodePng(png), '#7f7f7f', 10)).toBeGreaterThan(100);
  });

  it('with marked points, shares one legend with the lines', async () => {
    const { svg } = await renderSpec(lineChartSpec({ ...input, series, points: true }));
    expect(textsOfRole(svg, 'legend-label')).toEqual(['β = 1e-5', 'β = 1e-4', 'beyond the budget']);
    expect(pointPaths(svg, 'β = 1e-5').every((d) => d.includes('A'))).toBe(true);
  });
});
