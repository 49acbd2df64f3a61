// A sweep's phase diagram: one cell per point of two swept parameters, one sub-cell per run in
// it (seeds and any other swept parameter), coloured by outcome or by a summary number.
// Pointing at a cell lists its runs; clicking it draws their curves together.
import type { RunDetail, SweepRunRow } from '../../api-types.js';
import type { CurveChart } from '../charts.js';
import { clear, h } from '../dom.js';
import { fmtNumber, fmtPercent } from '../format.js';
import { badge, header, link, routes, type View } from '../view.js';
import { overlayCharts } from './compare.js';

export const OUTCOME_COLORS: Record<string, string> = { 'no-learn': '#b0b0b0', memorize: '#d62728', generalize: '#1f77b4', grok: '#2ca02c' };
const NOT_FINISHED = '#f2f2f2';
const METRICS = ['outcome', 't_gen', 't_mem', 'delay', 'final_test_acc'] as const;
const LOG_METRICS = new Set(['t_gen', 't_mem', 'delay']);
// viridis at nine stops
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

function viridis(t: number): string {
  return VIRIDIS[Math.max(0, Math.min(VIRIDIS.length - 1, Math.round(t * (VIRIDIS.length - 1))))];
}

const key = (v: unknown) => JSON.stringify(v);

export const sweepView: View = async (ctx, id) => {
  let sweep = await ctx.source.sweep(id);
  const params = sweep.parameters;
  const xSelect = h('select', { 'aria-label': 'x parameter' }, ...params.map((p) => h('option', { value: p.path }, p.name)));
  const ySelect = h(
    'select',
    { 'aria-label': 'y parameter' },
    h('option', { value: 'seed' }, 'seed'),
    ...params.map((p) => h('option', { value: p.path }, p.name)),
  );
  const colorSelect = h(
    'select',
    { 'aria-label': 'colour by' },
    ...METRICS.map((m) => h('option', { value: m }, m === 'outcome' ? 'outcome' : LOG_METRICS.has(m) ? `log10 ${m}` : m)),
  );
  xSelect.value = params[0]?.path ?? 'seed';
  ySelect.value = params[1]?.path ?? 'seed';
  const grid = h('div', { class: 'phase', role: 'grid' });
  const legend = h('div', { class: 'legend' });
  const hoverBox = h('div', { class: 'cell-info' }, h('p', { class: 'muted' }, 'Point at a cell to see its runs; click it to draw their curves.'));
  const curvesTitle = h('h2', {}, 'Curves');
  const curvesBox = h('div', { class: 'charts' });
  const curvesLinks = h('p', { class: 'small' });
  let charts: CurveChart[] = [];
  let selectedKey: string | null = null;

  const paramValue = (r: SweepRunRow, p: string) => r[p] as number | string | null;
  const nameOf = (path: string) => (path === 'seed' ? 'seed' : (params.find((p) => p.path === path)?.name ?? path));
  const valuesOf = (path: string) => {
    const vs = [...new Set(sweep.rows.map((r) => paramValue(r, path)).filter((v): v is number | string => v !== null))];
    return vs.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  };

  const colorFor =
    (metric: string, range: [number, number]) =>
    (r: SweepRunRow): string => {
      if (metric === 'outcome') return r.outcome ? (OUTCOME_COLORS[r.outcome as string] ?? NOT_FINISHED) : NOT_FINISHED;
      const v = transformed(metric, r[metric]);
      if (v === null) return NOT_FINISHED;
      return viridis(range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5);
    };

  const transformed = (metric: string, v: unknown): number | null => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    if (LOG_METRICS.has(metric)) return v > 0 ? Math.log10(v) : null;
    return v;
  };

  const describe = (r: SweepRunRow) =>
    h(
      'tr',
      {},
      h('td', {}, r.id),
      ...params.filter((p) => p.path !== xSelect.value && p.path !== ySelect.value).map((p) => h('td', {}, `${p.name} ${String(r[p.path])}`)),
      h('td', {}, `seed ${r.seed}`),
      h('td', {}, badge(r.outcome as string | null)),
      h('td', { class: 'num' }, `t_mem ${fmtNumber(r.t_mem as number | null)}`),
      h('td', { class: 'num' }, `t_gen ${fmtNumber(r.t_gen as number | null)}`),
      h('td', { class: 'num' }, `test ${fmtPercent(r.final_test_acc as number | null)}`),
    );

  const showCell = (xv: unknown, yv: unknown, members: SweepRunRow[]) => {
    clear(hoverBox);
    hoverBox.append(
      h(
        'p',
        {},
        h('strong', {}, `${nameOf(xSelect.value)} ${String(xv)} · ${nameOf(ySelect.value)} ${String(yv)}`),
        h('span', { class: 'muted' }, ` · ${members.length} run${members.length === 1 ? '' : 's'}`),
      ),
      h('table', { class: 'compact cell-runs' }, h('tbody', {}, ...members.map(describe))),
    );
  };

  const openCell = async (cellKey: string, xv: unknown, yv: unknown, members: SweepRunRow[]) => {
    selectedKey = cellKey;
    for (const el of grid.querySelectorAll('.cell.selected')) el.classList.remove('selected');
    grid.querySelector(`[data-key="${CSS.escape(cellKey)}"]`)?.classList.add('selected');
    const ids = members.map((m) => sweep.runIds[m.id]).filter((i): i is string => i !== undefined);
    const runs: RunDetail[] = await Promise.all(ids.map((i) => ctx.source.run(i, 600)));
    charts.forEach((c) => c.destroy());
    clear(curvesBox);
    clear(curvesLinks);
    curvesTitle.textContent = `Curves at ${nameOf(xSelect.value)} ${String(xv)} · ${nameOf(ySelect.value)} ${String(yv)}`;
    // Within a cell the runs differ in seed and in the parameters not on the axes.
    const others = params.filter((p) => p.path !== xSelect.value && p.path !== ySelect.value);
    const started = members.filter((m) => sweep.runIds[m.id] !== undefined);
    const labels = started.map((m) => [...others.map((p) => `${p.name} ${String(m[p.path])}`), `seed ${m.seed}`].join(' '));
    charts = overlayCharts(curvesBox, runs, labels, 'sweep');
    const links: (HTMLElement | string)[] = ids.map((i, n) => link(routes.run(i), labels[n]));
    if (ids.length > 1 && ctx.source.live) links.push(link(routes.compare(ids), 'compare these'));
    curvesLinks.append('open: ', ...links.flatMap((l, n) => (n ? [' · ', l] : [l])));
    if (!runs.length) curvesBox.append(h('p', { class: 'muted' }, 'No run of this cell has started yet.'));
  };

  const render = () => {
    const xPath = xSelect.value;
    const yPath = ySelect.value;
    const metric = colorSelect.value;
    const xs = valuesOf(xPath);
    const ys = valuesOf(yPath).reverse();
    const numbers = sweep.rows.map((r) => transformed(metric, r[metric])).filter((v): v is number => v !== null);
    const range: [number, number] = numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : [0, 1];
    const color = colorFor(metric, range);
    clear(grid);
    grid.style.gridTemplateColumns = `max-content repeat(${xs.length}, 4.5rem)`;
    for (const yv of ys) {
      grid.append(h('div', { class: 'axis-label y' }, String(yv)));
      for (const xv of xs) {
        const members = sweep.rows.filter((r) => key(paramValue(r, xPath)) === key(xv) && key(paramValue(r, yPath)) === key(yv));
        members.sort((a, b) => Number(a.seed) - Number(b.seed) || a.id.localeCompare(b.id));
        const cellKey = `${key(xv)}|${key(yv)}`;
        const cell = h('div', {
          class: `cell${cellKey === selectedKey ? ' selected' : ''}`,
          'data-key': cellKey,
          role: 'gridcell',
          tabindex: 0,
          'aria-label': `${nameOf(xPath)} ${xv}, ${nameOf(yPath)} ${yv}`,
        });
        for (const m of members) {
          const sub = h('div', { class: 'sub', 'data-run': m.id });
          sub.style.backgroundColor = color(m);
          cell.append(sub);
        }
        cell.addEventListener('mouseenter', () => showCell(xv, yv, members));
        cell.addEventListener('focus', () => showCell(xv, yv, members));
        cell.addEventListener('click', () => void openCell(cellKey, xv, yv, members));
        cell.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') void openCell(cellKey, xv, yv, members);
        });
        grid.append(cell);
      }
    }
    grid.append(h('div', {}), ...xs.map((xv) => h('div', { class: 'axis-label x' }, String(xv))));
    clear(legend);
    if (metric === 'outcome') {
      legend.append(...Object.entries(OUTCOME_COLORS).map(([name, c]) => legendItem(c, name)), legendItem(NOT_FINISHED, 'not finished'));
    } else {
      const bar = h('span', { class: 'ramp' });
      legend.append(
        h('span', {}, `${LOG_METRICS.has(metric) ? 'log10 ' : ''}${metric}: `),
        h('span', {}, fmtNumber(range[0])),
        bar,
        h('span', {}, fmtNumber(range[1])),
        legendItem(NOT_FINISHED, 'none'),
      );
    }
    xTitle.textContent = `${nameOf(xPath)} →`;
    yTitle.textContent = `${nameOf(yPath)} ↑`;
  };

  const xTitle = h('div', { class: 'axis-title x' });
  const yTitle = h('div', { class: 'axis-title y' });
  for (const s of [xSelect, ySelect, colorSelect]) s.addEventListener('change', render);
  const finished = () => sweep.rows.filter((r) => r.outcome !== null).length;
  const counts = h('span', { class: 'muted' });
  const setCounts = () => {
    counts.textContent = `${finished()} of ${sweep.rows.length} runs finished · ${params.map((p) => `${p.name} × ${p.values.length}`).join(' · ')}`;
  };
  setCounts();
  clear(ctx.root);
  ctx.root.append(
    header(ctx, `sweep ${sweep.name}`),
    h(
      'main',
      {},
      h('div', { class: 'title-row' }, h('h1', {}, sweep.name), counts),
      h('div', { class: 'toolbar' }, h('label', {}, 'x ', xSelect), h('label', {}, 'y ', ySelect), h('label', {}, 'colour ', colorSelect)),
      h('section', { class: 'phase-row' }, h('div', { class: 'phase-wrap' }, yTitle, h('div', {}, grid, xTitle, legend)), hoverBox),
      h('section', {}, curvesTitle, curvesLinks, curvesBox),
    ),
  );
  render();

  let refreshing = false;
  const unsubscribe = ctx.source.subscribe(async (m) => {
    const ours =
      (m.type === 'run' && m.row.parent?.kind === 'sweep' && m.row.parent.id === id && m.row.status !== 'running') || (m.type === 'sweep' && m.sweep.id === id);
    if (!ours || refreshing) return;
    refreshing = true;
    try {
      sweep = await ctx.source.sweep(id);
      render();
      setCounts();
    } finally {
      refreshing = false;
    }
  });
  return () => {
    unsubscribe();
    charts.forEach((c) => c.destroy());
  };
};

function legendItem(color: string, text: string): HTMLElement {
  const swatch = h('span', { class: 'swatch' });
  swatch.style.backgroundColor = color;
  return h('span', { class: 'legend-item' }, swatch, text);
}
