// The runs list: every run under the roots with its verdict, sortable and filterable, plus the
// sweeps and reproductions found beside them. New runs and changed rows arrive live.
import type { ReportListing, RunRow, SweepListing } from '../../api-types.js';
import { clear, h } from '../dom.js';
import { fmtNumber, fmtPercent, fmtSeconds, matches, sortRows, type SortDir } from '../format.js';
import { badge, batched, header, link, routes, statusClass, type View } from '../view.js';

interface Column {
  key: keyof RunRow;
  title: string;
  cell: (r: RunRow) => Node | string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'id', title: 'run', cell: (r) => link(routes.run(r.id), r.id, { class: 'run-link' }) },
  { key: 'status', title: 'status', cell: (r) => badge(r.status) },
  { key: 'outcome', title: 'outcome', cell: (r) => badge(r.outcome) },
  { key: 't_mem', title: 't_mem', cell: (r) => fmtNumber(r.t_mem), numeric: true },
  { key: 't_gen', title: 't_gen', cell: (r) => fmtNumber(r.t_gen), numeric: true },
  { key: 'steps', title: 'steps', cell: (r) => fmtNumber(r.steps), numeric: true },
  { key: 'final_test_acc', title: 'test acc', cell: (r) => fmtPercent(r.final_test_acc), numeric: true },
  { key: 'task', title: 'task', cell: (r) => r.task },
  { key: 'model', title: 'model', cell: (r) => r.model },
  { key: 'optimizer', title: 'optimizer', cell: (r) => r.optimizer },
  { key: 'wall_s', title: 'wall', cell: (r) => fmtSeconds(r.wall_s), numeric: true },
];

/** what a new row's cells hold until first drawn: no value of a row equals it */
const UNDRAWN = Symbol('undrawn');

const rowText = (r: RunRow) => [r.id, r.status, r.outcome, r.task, r.model, r.optimizer, r.preset].join(' ');

export const runsView: View = async (ctx) => {
  const listing = await ctx.source.store();
  const runs = new Map(listing.runs.map((r) => [r.id, r]));
  const sweeps = new Map(listing.sweeps.map((s) => [s.id, s]));
  const reports = new Map(listing.reports.map((r) => [r.id, r]));
  const selected = new Set<string>();
  let sortKey: keyof RunRow = 'started';
  let sortDir: SortDir = -1;

  const filter = h('input', { type: 'search', placeholder: 'filter: words of id, task, model, optimizer…', class: 'filter', 'aria-label': 'filter runs' });
  const statusSelect = h(
    'select',
    { 'aria-label': 'status' },
    h('option', { value: '' }, 'any status'),
    ...['running', 'completed', 'stopped_early', 'diverged', 'interrupted', 'killed'].map((s) => h('option', { value: s }, s)),
  );
  const outcomeSelect = h(
    'select',
    { 'aria-label': 'outcome' },
    h('option', { value: '' }, 'any outcome'),
    ...['grok', 'generalize', 'memorize', 'no-learn'].map((s) => h('option', { value: s }, s)),
  );
  const compareButton = h('button', { type: 'button', disabled: true }, 'compare');
  const count = h('span', { class: 'count' });
  const thead = h('thead');
  const tbody = h('tbody');
  const sweepList = h('div', { class: 'cards sweeps' });
  const reportList = h('div', { class: 'cards reports' });

  compareButton.addEventListener('click', () => {
    location.hash = routes.compare([...selected]);
  });

  const renderHead = () => {
    clear(thead);
    thead.append(
      h(
        'tr',
        {},
        h('th', { class: 'pick' }),
        ...COLUMNS.map((c) => {
          const th = h(
            'th',
            { class: c.numeric ? 'num sortable' : 'sortable', 'data-key': c.key },
            c.title,
            sortKey === c.key ? (sortDir === 1 ? ' ▲' : ' ▼') : '',
          );
          th.addEventListener('click', () => {
            sortDir = sortKey === c.key ? (-sortDir as SortDir) : c.numeric ? -1 : 1;
            sortKey = c.key;
            renderHead();
            renderBody();
          });
          return th;
        }),
      ),
    );
  };

  // Rows are kept per run and only their changed cells are redrawn: a training run updates its row
  // several times a second, and a row rebuilt between a press and a release swallows the click.
  const rowViews = new Map<string, { tr: HTMLTableRowElement; cells: HTMLTableCellElement[]; drawn: unknown[] }>();
  const rowView = (r: RunRow) => {
    let view = rowViews.get(r.id);
    if (!view) {
      const box = h('input', { type: 'checkbox', 'aria-label': `select ${r.id}`, checked: selected.has(r.id) });
      box.addEventListener('change', () => {
        if (box.checked) selected.add(r.id);
        else selected.delete(r.id);
        compareButton.disabled = selected.size < 2;
        compareButton.textContent = selected.size ? `compare ${selected.size}` : 'compare';
      });
      const cells = COLUMNS.map((c) => h('td', { class: c.numeric ? 'num' : c.key, 'data-key': c.key }));
      view = { tr: h('tr', { 'data-run': r.id }, h('td', { class: 'pick' }, box), ...cells), cells, drawn: COLUMNS.map(() => UNDRAWN) };
      rowViews.set(r.id, view);
    }
    COLUMNS.forEach((c, i) => {
      if (view.drawn[i] === r[c.key]) return;
      view.drawn[i] = r[c.key];
      clear(view.cells[i]);
      view.cells[i].append(c.cell(r));
    });
    return view.tr;
  };

  const renderBody = batched(() => {
    const query = filter.value;
    const shown = sortRows([...runs.values()] as unknown as Record<string, unknown>[], sortKey, sortDir)
      .map((r) => r as unknown as RunRow)
      .filter(
        (r) =>
          (!statusSelect.value || r.status === statusSelect.value) && (!outcomeSelect.value || r.outcome === outcomeSelect.value) && matches(rowText(r), query),
      );
    // moves only the rows out of place, so a row that stays keeps its element
    shown.forEach((r, i) => {
      const tr = rowView(r);
      if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] ?? null);
    });
    while (tbody.children.length > shown.length) tbody.lastChild!.remove();
    count.textContent = `${shown.length} of ${runs.size} runs`;
  });

  const renderSweep = (s: SweepListing) =>
    h(
      'a',
      { class: 'card', href: routes.sweep(s.id) },
      h('strong', {}, s.name),
      h('span', { class: 'muted' }, `${s.finished}/${s.runs} runs finished`),
      h('span', { class: 'muted small' }, s.id),
    );
  const renderReport = (r: ReportListing) =>
    h(
      'a',
      { class: 'card', href: routes.report(r.id) },
      h('strong', {}, r.title, r.quick ? ' (quick)' : ''),
      h('span', { class: statusClass(r.status) }, `${r.status} · ${r.reproduced} of ${r.judged} judged checks reproduced`),
      h('span', { class: 'muted small' }, r.id),
    );
  const renderCards = batched(() => {
    clear(sweepList);
    sweepList.append(...[...sweeps.values()].sort((a, b) => a.id.localeCompare(b.id)).map(renderSweep));
    clear(reportList);
    reportList.append(...[...reports.values()].sort((a, b) => a.id.localeCompare(b.id)).map(renderReport));
    sweepSection.hidden = sweeps.size === 0;
    reportSection.hidden = reports.size === 0;
  });

  for (const el of [filter, statusSelect, outcomeSelect]) el.addEventListener('input', renderBody);
  const sweepSection = h('section', {}, h('h2', {}, 'Sweeps'), sweepList);
  const reportSection = h('section', {}, h('h2', {}, 'Reproductions'), reportList);
  clear(ctx.root);
  ctx.root.append(
    header(ctx, 'runs'),
    h(
      'main',
      {},
      h('p', { class: 'muted small' }, `under ${listing.roots.join(', ')}`),
      reportSection,
      sweepSection,
      h(
        'section',
        {},
        h('h2', {}, 'Runs'),
        h('div', { class: 'toolbar' }, filter, statusSelect, outcomeSelect, compareButton, count),
        h('div', { class: 'table-wrap' }, h('table', { class: 'runs' }, thead, tbody)),
      ),
    ),
  );
  renderHead();
  renderBody();
  renderCards();

  return ctx.source.subscribe((m) => {
    if (m.type === 'run') {
      runs.set(m.row.id, m.row);
      renderBody();
    } else if (m.type === 'sweep') {
      sweeps.set(m.sweep.id, m.sweep);
      renderCards();
    } else if (m.type === 'report') {
      reports.set(m.report.id, m.report);
      renderCards();
    }
  });
};
