// Several runs on the same axes (test solid, train dashed, one colour per run) and the config
// fields in which they differ.
import uPlot from 'uplot';
import type { RunDetail } from '../../api-types.js';
import { aligned, CurveChart, PALETTE } from '../charts.js';
import { clear, h } from '../dom.js';
import { configDiff, fmtNumber } from '../format.js';
import { badge, header, link, routes, type View } from '../view.js';

/** Legend names: the parts of the runs' ids (split at / and _) that not all of them share. */
export function shortLabels(ids: string[]): string[] {
  const tokens = ids.map((id) => id.split(/[/_]/).filter(Boolean));
  const shared = tokens.slice(1).reduce((common, t) => common.filter((x) => t.includes(x)), tokens[0] ?? []);
  const labels = tokens.map((t, i) => t.filter((x) => !shared.includes(x)).join(' ') || ids[i].split('/').pop()!);
  return new Set(labels).size === labels.length ? labels : ids;
}

/** Overlaid curves of `runs` for metric pairs like test_acc/train_acc, into `parent`. */
export function overlayCharts(parent: HTMLElement, runs: RunDetail[], labels: string[], syncKey: string): CurveChart[] {
  const charts: CurveChart[] = [];
  const panels: { title: string; names: string[]; logY: boolean; yRange?: [number, number] }[] = [
    { title: 'Accuracy (test solid, train dashed)', names: ['test_acc', 'train_acc'], logY: false, yRange: [0, 1] },
    { title: 'Loss (test solid, train dashed)', names: ['test_loss', 'train_loss'], logY: true },
    { title: 'Weight ℓ2 norm', names: ['weight_l2'], logY: true },
  ];
  for (const panel of panels) {
    const present = runs.map((r) => panel.names.filter((n) => n in r.curves.series));
    if (present.every((p) => p.length === 0)) continue;
    const parts = runs.map((r, i) => aligned(r.curves, present[i], panel.logY));
    const data = uPlot.join(parts as uPlot.AlignedData[]);
    const series = runs.flatMap((_, i) =>
      present[i].map((n) => ({
        label: `${labels[i]} ${n}`,
        color: PALETTE[i % PALETTE.length],
        dash: n.startsWith('train') ? [6, 4] : undefined,
        width: n.startsWith('train') ? 1.2 : 1.8,
      })),
    );
    charts.push(
      new CurveChart(
        parent,
        { title: panel.title, yLabel: panel.names[0].replace(/^test_/, ''), logY: panel.logY, yRange: panel.yRange, series, syncKey },
        data,
      ),
    );
  }
  return charts;
}

export const compareView: View = async (ctx, arg) => {
  const ids = arg.split(',').filter(Boolean).map(decodeURIComponent);
  const runs = await Promise.all(ids.map((id) => ctx.source.run(id, 800)));
  const labels = shortLabels(ids);
  const chartsBox = h('div', { class: 'charts' });
  const diff = configDiff(runs.map((r) => r.config));
  clear(ctx.root);
  ctx.root.append(
    header(ctx, `compare ${ids.length} runs`),
    h(
      'main',
      {},
      h('h1', {}, `Comparing ${ids.length} runs`),
      h(
        'table',
        { class: 'runs compact' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, ''), h('th', {}, 'run'), h('th', {}, 'outcome'), h('th', { class: 'num' }, 't_mem'), h('th', { class: 'num' }, 't_gen')),
        ),
        h(
          'tbody',
          {},
          ...runs.map((r, i) =>
            h(
              'tr',
              {},
              h('td', {}, h('span', { class: `swatch swatch-${i % PALETTE.length}` })),
              h('td', {}, link(routes.run(r.row.id), labels[i])),
              h('td', {}, badge(r.row.outcome)),
              h('td', { class: 'num' }, fmtNumber(r.row.t_mem)),
              h('td', { class: 'num' }, fmtNumber(r.row.t_gen)),
            ),
          ),
        ),
      ),
      h('section', {}, h('h2', {}, 'Curves'), chartsBox),
      h(
        'section',
        {},
        h('h2', {}, 'Config differences'),
        diff.length
          ? h(
              'table',
              { class: 'runs compact diff' },
              h('thead', {}, h('tr', {}, h('th', {}, 'field'), ...labels.map((l) => h('th', {}, l)))),
              h('tbody', {}, ...diff.map((d) => h('tr', {}, h('th', {}, d.path), ...d.values.map((v) => h('td', {}, v))))),
            )
          : h('p', { class: 'muted' }, 'The configs are identical.'),
      ),
    ),
  );
  const charts = overlayCharts(chartsBox, runs, labels, 'compare');
  return () => charts.forEach((c) => c.destroy());
};
