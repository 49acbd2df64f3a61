import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineChartSpec } from './line-chart.js';
import { PNG_SCALE, renderSpec, writePlot } from './render.js';
import { SCHEMA, type VegaLiteSpec } from './spec.js';
import { decodePng, type DecodedPng } from './testing.js';
import { textWidth } from './text-width.js';
import { config } from './theme.js';

/** One black line of text at (10, 30) on an empty 40×60 view: Vega widens the SVG to fit the text. */
function textSpec(text: string, fontSize: number): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    config: { ...config, view: { stroke: null } },
    width: 40,
    height: 60,
    data: { values: [{}] },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize, color: '#000000' },
    encoding: { x: { value: 10 }, y: { value: 30 }, text: { value: text } },
  };
}

/** Leftmost and rightmost columns holding a dark pixel, in SVG units. */
function inkColumns({ width, height, rgba }: DecodedPng): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[4 * (y * width + x)]! < 128) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
    }
  }
  return [lo / PNG_SCALE, (hi + 1) / PNG_SCALE];
}

describe('renderSpec', () => {
  it('draws text with the bundled font, needing no system font', async () => {
    const { svg, png } = await renderSpec(textSpec('Grokking 0123456789', 20));
    const [left, right] = inkColumns(decodePng(png));
    expect(left).toBeGreaterThanOrEqual(10);
    // The glyphs resvg drew span the measured width, less the side bearings of the first and last.
    const advance = textWidth('Grokking 0123456789', 20);
    expect(right - left).toBeGreaterThan(advance - 4);
    expect(right - left).toBeLessThanOrEqual(advance + 0.5);
    // Vega sized the SVG with the same measure: padding, x = 10, the text, padding.
    const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(Math.abs(width - (2 * (config.padding as number) + 10 + advance))).toBeLessThanOrEqual(1);
  });

  it('measures bold wider than regular, and text in proportion to its size', () => {
    expect(textWidth('accuracy', 22)).toBeCloseTo(2 * textWidth('accuracy', 11), 9);
    expect(textWidth('accuracy', 11, true)).toBeGreaterThan(textWidth('accuracy', 11));
    expect(textWidth('iii', 11)).toBeLessThan(textWidth('WWW', 11) / 2);
  });

  it('is deterministic: the same spec gives the same bytes', async () => {
    const spec = lineChartSpec({
      series: [
        {
          name: 'a',
          points: [
            { x: 1, y: 2 },
            { x: 2, y: 3 },
          ],
        },
      ],
      xTitle: 'x',
      yTitle: 'y',
    });
    const [a, b] = await Promise.all([renderSpec(spec), renderSpec(spec)]);
    expect(a.svg).toBe(b.svg);
    expect(a.png.equals(b.png)).toBe(true);
  });
});

describe('writePlot', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'groklab-plots-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const spec = textSpec('hello', 12);

  it('writes base.svg and base.png, creating the directory, and leaves no temp file', async () => {
    const base = join(dir, 'nested', 'curves');
    const { svgPath, pngPath } = await writePlot(spec, base);
    expect([svgPath, pngPath]).toEqual([`${base}.svg`, `${base}.png`]);
    const expected = await renderSpec(spec);
    expect(await readFile(svgPath, 'utf8')).toBe(expected.svg);
    expect((await readFile(pngPath)).equals(expected.png)).toBe(true);
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['curves.png', 'curves.svg']);
  });

  it('replaces existing files, and cleans its temp file up when the rename fails', async () => {
    const base = join(dir, 'again');
    await writePlot(textSpec('first', 12), base);
    await writePlot(spec, base);
    expect(await readFile(`${base}.svg`, 'utf8')).toContain('hello');
    await mkdir(join(dir, 'blocked.png'));
    await expect(writePlot(spec, join(dir, 'blocked'))).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
