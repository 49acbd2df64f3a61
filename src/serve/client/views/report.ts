// A reproduction: the paper's numbers beside the measured ones, the verdicts, the figures.
import { clear, h } from '../dom.js';
import { fmtNumber, fmtSeconds } from '../format.js';
import { isJudged, type Comparison } from '../../../runs/report-file.js';
import { header, link, routes, statusClass, type View } from '../view.js';

const measured = (v: number | string | null) => (v === null ? 'not reached' : typeof v === 'string' ? v : fmtNumber(v, 4));

function verdictCell(c: Comparison) {
  if (c.verdict === 'reproduced') return h('td', { class: 'ok' }, '✓ reproduced');
  if (c.verdict === 'contradicted') return h('td', { class: 'warn' }, `✗ not reproduced: the data show ${c.note ?? measured(c.measured)}`);
  return h('td', { class: 'muted' }, c.verdict === 'not checked' ? (c.note ?? 'not checked') : '—');
}

export const reportView: View = async (ctx, id) => {
  const r = await ctx.source.report(id);
  const judged = r.comparisons.filter(isJudged);
  const held = judged.filter((c) => c.verdict === 'reproduced').length;
  clear(ctx.root);
  ctx.root.append(
    header(ctx, r.name),
    h(
      'main',
      { class: 'report' },
      h('h1', {}, r.title, r.quick ? ' (quick)' : ''),
      h('p', { class: 'muted' }, r.source),
      h(
        'p',
        {},
        h('span', { class: statusClass(r.status) }, `${r.status} · ${held} of ${judged.length} judged checks reproduced`),
        h('span', { class: 'muted' }, ` · ${fmtSeconds(r.wall_s)} on the ${r.backend} backend · ${r.started}`),
      ),
      h('p', {}, h('code', {}, r.command)),
      h(
        'table',
        { class: 'runs compact comparisons' },
        h('thead', {}, h('tr', {}, ...['quantity', 'paper', 'groklab', 'tolerance', 'verdict'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          ...r.comparisons.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, c.quantity),
              h('td', {}, c.paper),
              h('td', { class: 'num' }, measured(c.measured)),
              h('td', {}, c.tolerance),
              verdictCell(c),
            ),
          ),
        ),
      ),
      r.figures.length
        ? h(
            'section',
            {},
            h('h2', {}, 'Figures'),
            ...r.figures.map((f) => h('figure', { class: 'report-figure' }, h('img', { src: f.url, alt: f.name }), h('figcaption', {}, f.name))),
          )
        : null,
      r.notes.length ? h('section', {}, h('h2', {}, 'Notes'), h('ul', {}, ...r.notes.map((n) => h('li', {}, n)))) : null,
      r.runs.length
        ? h(
            'section',
            {},
            h('h2', {}, 'Runs'),
            h(
              'ul',
              { class: 'small' },
              ...r.runs.map((run) => h('li', {}, run.id && ctx.source.live ? link(routes.run(run.id), run.path) : h('code', {}, run.path))),
            ),
          )
        : null,
    ),
  );
  return () => {};
};
