import { expect, it } from 'vitest';
import { renderSpec } from './render.js';
import { figureSpec } from './figure.js';
import { landscapePanel } from './landscape.js';

it('landscapePanel tiles the grid and draws labelled paths', async () => {
  const cells = [-1, 0, 1].flatMap((y) => [-2, 0, 2].map((x) => ({ x, y, value: x * x + y })));
  const panel = landscapePanel({
    cells,
    paths: [
      {
        label: 'A',
        points: [
          { x: -2, y: -1 },
          { x: 0, y: 0 },
        ],
      },
    ],
    title: 'loss',
    xTitle: 'x',
    yTitle: 'y',
    valueTitle: 'loss',
  }) as { layer: { data: { values: Record<string, number>[] } }[] };
  // cells are widened to half the spacing on each side: x from −3 to 3, y from −1.5 to 1.5
  const rects = panel.layer[0].data.values;
  expect(Math.min(...rects.map((r) => r.x))).toBe(-3);
  expect(Math.max(...rects.map((r) => r.y2))).toBe(1.5);
  expect(panel.layer).toHaveLength(5);
  const { svg } = await renderSpec(figureSpec({ title: 't', rows: [[panel as never]] }));
  expect(svg).toContain('>A<');
});
