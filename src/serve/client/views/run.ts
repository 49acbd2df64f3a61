// A run's page: its curves on a log step axis (updated as it trains), the measures of
// `groklab analyze` when present, its summary and config.
import type { CurveColumns, RunDetail } from '../../api-types.js';
import { aligned, CurveChart, PALETTE, TEST, TRAIN } from '../charts.js';
import { clear, h } from '../dom.js';
import { fmtNumber, fmtPercent, fmtSeconds } from '../format.js';
import { allPositive, metricPanels, type Panel } from '../panels.js';
import { badge, batched, header, link, routes, type View } from '../view.js';

const colorOf = (name: string, i: number) => (name.startsWith('train') ? TRAIN : name.startsWith('test') ? TEST : PALETTE[(i + 2) % PALETTE.length]);

export function markersOf(detail: RunDetail): { step: number; label: string }[] {
  const out: { step: number; label: string }[] = [];
  if (detail.row.t_mem !== null) out.push({ step: detail.row.t_mem, label: 't_mem' });
  if (detail.row.t_gen !== null) out.push({ step: detail.row.t_gen, label: 't_gen' });
  return out;
}

function stat(label: string, value: string): HTMLElement {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value));
}

export function statsOf(d: RunDetail): HTMLElement {
  const s = d.summary;
  const last = (name: string) => d.curves.series[name]?.at(-1) ?? null;
  return h(
    'div',
    { class: 'stats' },
    stat('t_mem', fmtNumber(d.row.t_mem)),
    stat('t_gen', fmtNumber(d.row.t_gen)),
    stat('delay', fmtNumber(s?.delay ?? null)),
    stat('steps', fmtNumber(d.row.steps)),
    stat('train acc', fmtPercent(s?.final.train_acc ?? last('train_acc'))),
    stat('test acc', fmtPercent(s?.final.test_acc ?? last('test_acc'))),
    stat('wall', fmtSeconds(d.row.wall_s)),
    stat('steps/s', fmtNumber(s?.steps_per_s ?? null)),
  );
}

function panelChart(
  parent: HTMLElement,
  panel: Panel,
  columns: CurveColumns,
  markers: { step: number; label: string }[],
  syncKey: string,
): { chart: CurveChart; update: (c: CurveColumns, m: { step: number; label: string }[]) => void } {
  const logY = panel.logY && allPositive(panel.names.map((n) => columns.series[n] ?? []));
  const chart = new CurveChart(
    parent,
    {
      title: panel.title,
      yLabel: panel.yLabel,
      logY,
      yRange: panel.yRange,
      series: panel.names.map((n, i) => ({ label: n, color: colorOf(n, i) })),
      markers,
      syncKey,
    },
    aligned(columns, panel.names, logY),
  );
  return { chart, update: (c, m) => chart.setData(aligned(c, panel.names, logY), m) };
}

/** Appends live evaluations to the page's curves (columns of the same names, nulls elsewhere). */
function appendColumns(columns: CurveColumns, step: number[], series: Record<string, (number | null)[]>): void {
  const n = columns.step.length;
  for (const name of Object.keys(series)) columns.series[name] ??= new Array<number | null>(n).fill(null);
  columns.step.push(...step);
  for (const [name, col] of Object.entries(columns.series)) col.push(...(series[name] ?? step.map(() => null)));
}

export const runView: View = async (ctx, id) => {
  const width = () => Math.max(400, ctx.root.clientWidth || 1000);
  let detail = await ctx.source.run(id, width());
  const charts: ReturnType<typeof panelChart>[] = [];
  const chartsBox = h('div', { class: 'charts' });
  const analysisBox = h('div', { class: 'charts small' });
  const statsBox = h('div');
  const statusBox = h('span');
  const summaryBox = h('div');
  const configBox = h('pre', { class: 'config' });

  const drawAll = () => {
    for (const c of charts) c.chart.destroy();
    charts.length = 0;
    clear(chartsBox);
    clear(analysisBox);
    const markers = markersOf(detail);
    for (const panel of metricPanels(Object.keys(detail.curves.series))) charts.push(panelChart(chartsBox, panel, detail.curves, markers, id));
    for (const panel of detail.analysis ?? []) {
      const names = Object.keys(panel.curves.series);
      charts.push(
        panelChart(
          analysisBox,
          { title: panel.title, yLabel: panel.title, names, logY: panel.logY, yRange: panel.unit ? [0, 1] : undefined },
          panel.curves,
          markers,
          id,
        ),
      );
    }
    analysisSection.hidden = !detail.analysis;
    renderText();
  };

  const renderText = () => {
    clear(statsBox);
    statsBox.append(statsOf(detail));
    clear(statusBox);
    statusBox.append(
      badge(detail.row.status),
      ' ',
      badge(detail.row.outcome),
      detail.summary?.reason ? h('span', { class: 'muted small' }, ` ${detail.summary.reason}`) : '',
    );
    clear(summaryBox);
    summaryBox.append(summaryTable(detail));
    configBox.textContent = JSON.stringify(detail.config, null, 2);
  };

  const analysisSection = h('section', {}, h('h2', {}, 'Measures (groklab analyze)'), analysisBox);
  const parent = detail.row.parent;
  clear(ctx.root);
  ctx.root.append(
    header(ctx, ...(parent && ctx.source.live ? [link(parent.kind === 'sweep' ? routes.sweep(parent.id) : routes.report(parent.id), parent.id)] : []), id),
    h(
      'main',
      {},
      h('div', { class: 'title-row' }, h('h1', {}, id), statusBox),
      h('p', { class: 'muted' }, [detail.row.task, detail.row.model, detail.row.optimizer].filter(Boolean).join('  ·  ')),
      statsBox,
      h('section', {}, h('h2', {}, 'Training curves'), h('p', { class: 'muted small points' }, ''), chartsBox),
      analysisSection,
      h('section', { class: 'two-col' }, h('div', {}, h('h2', {}, 'Summary'), summaryBox), h('div', {}, h('h2', {}, 'Config'), configBox)),
    ),
  );
  drawAll();

  // Live: new evaluations are appended and drawn; a new panel, a rewrite or too many points refetch.
  const pointsNote = ctx.root.querySelector('.points')!;
  const notePoints = () => {
    pointsNote.textContent = `${detail.points.toLocaleString('en-US')} evaluations${detail.curves.step.length < detail.points ? `, ${detail.curves.step.length.toLocaleString('en-US')} drawn` : ''}`;
  };
  notePoints();
  let refetching = false;
  const refetch = async () => {
    if (refetching) return;
    refetching = true;
    try {
      detail = await ctx.source.run(id, width());
      drawAll();
      notePoints();
    } finally {
      refetching = false;
    }
  };
  const redraw = batched(() => {
    const markers = markersOf(detail);
    for (const c of charts.slice(0, metricPanels(Object.keys(detail.curves.series)).length)) c.update(detail.curves, markers);
    renderText();
    notePoints();
  });
  return ctx.source.subscribe((m) => {
    if (m.type === 'metrics' && m.id === id) {
      const known = Object.keys(detail.curves.series);
      if (m.reset || Object.keys(m.series).some((n) => !known.includes(n)) || detail.curves.step.length > 4 * width()) return void refetch();
      appendColumns(detail.curves, m.step, m.series);
      detail.points += m.step.length;
      if (m.step.length) detail.row.steps = m.step.at(-1)!;
      redraw();
    } else if (m.type === 'run' && m.row.id === id) {
      const finished = detail.row.status === 'running' && m.row.status !== 'running';
      detail.row = m.row;
      if (finished) void refetch();
      else redraw();
    }
  });
};

function summaryTable(d: RunDetail): HTMLElement {
  const rows: [string, string][] = [];
  const s = d.summary;
  if (s) {
    rows.push(
      ['status', s.status],
      ['outcome', s.outcome],
      ['steps', fmtNumber(s.steps)],
      ['t_mem', fmtNumber(s.t_mem)],
      ['t_gen', fmtNumber(s.t_gen)],
      ['delay', fmtNumber(s.delay)],
    );
    for (const [k, v] of Object.entries(s.final)) rows.push([`final ${k}`, fmtNumber(v, 4)]);
    rows.push(['wall', fmtSeconds(s.wall_s)]);
    if (s.reason) rows.push(['reason', s.reason]);
  } else rows.push(['status', `${d.row.status} (no summary yet)`]);
  const meta = d.meta ?? {};
  for (const k of ['preset', 'seed', 'backend', 'dtype', 'groklab', 'started', 'ended'])
    if (meta[k] !== undefined && meta[k] !== null) rows.push([k, String(meta[k])]);
  return h('table', { class: 'kv' }, h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}
