// The dashboard's single page: a hash router over the views, fed by the server or, in an
// exported file, by the data embedded in the page.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import type { ExportedPage } from '../api-types.js';
import { clear, h } from './dom.js';
import { embeddedSource, serverSource } from './source.js';
import { routes, type View, type ViewContext } from './view.js';
import { compareView } from './views/compare.js';
import { reportView } from './views/report.js';
import { runView } from './views/run.js';
import { runsView } from './views/runs.js';
import { sweepView } from './views/sweep.js';

const VIEWS: Record<string, View> = { run: runView, compare: compareView, sweep: sweepView, report: reportView };

const embedded = document.getElementById('groklab-data');
const page = embedded ? (JSON.parse(embedded.textContent ?? 'null') as ExportedPage) : null;
const ctx: ViewContext = { source: page ? embeddedSource(page) : serverSource(), root: document.getElementById('app')! };

/** An exported page opens on what it holds. */
function homeRoute(): string {
  if (!page) return routes.runs();
  if (page.kind === 'run') return routes.run(page.run.row.id);
  if (page.kind === 'sweep') return routes.sweep(page.sweep.id);
  return routes.report(page.report.id);
}

let leave: () => void = () => {};
let generation = 0;

async function route(): Promise<void> {
  const mine = ++generation;
  leave();
  leave = () => {};
  const hash = location.hash || homeRoute();
  const match = /^#\/(\w+)\/(.*)$/.exec(hash);
  const view = match ? VIEWS[match[1]] : undefined;
  const arg = match ? (match[1] === 'compare' ? match[2] : decodeURIComponent(match[2])) : '';
  try {
    const undo = await (view ? view(ctx, arg) : runsView(ctx, ''));
    if (mine === generation) leave = undo;
    else undo();
    document.body.dataset.ready = hash;
  } catch (error) {
    if (mine !== generation) return;
    clear(ctx.root);
    ctx.root.append(
      h(
        'main',
        {},
        h('h1', {}, 'Cannot show this page'),
        h('p', {}, error instanceof Error ? error.message : String(error)),
        h('p', {}, h('a', { href: homeRoute() }, 'back')),
      ),
    );
  }
}

addEventListener('hashchange', () => void route());
void route();
