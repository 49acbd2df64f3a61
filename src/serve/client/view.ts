// What every page gets: the data source, its container, and links between pages.
import type { Source } from './source.js';
import type { ReproductionStatus } from '../../runs/report-file.js';
import { h } from './dom.js';

export interface ViewContext {
  source: Source;
  root: HTMLElement;
}

/** A page draws itself into ctx.root and returns what to undo when the user leaves it. */
export type View = (ctx: ViewContext, arg: string) => Promise<() => void>;

export const routes = {
  runs: () => '#/',
  run: (id: string) => `#/run/${encodeURIComponent(id)}`,
  compare: (ids: string[]) => `#/compare/${ids.map(encodeURIComponent).join(',')}`,
  sweep: (id: string) => `#/sweep/${encodeURIComponent(id)}`,
  report: (id: string) => `#/report/${encodeURIComponent(id)}`,
};

export function link(href: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href, ...attrs }, text);
}

export function badge(text: string | null, kind = text ?? 'none'): HTMLElement {
  return h('span', { class: `badge badge-${kind.replace(/[^a-z_-]/gi, '')}` }, text ?? '–');
}

/** The class a reproduction's status is drawn in: all held, some or none held, nothing judged. */
export const statusClass = (s: ReproductionStatus): string => (s === 'reproduced' ? 'ok' : s === 'not run' ? 'muted' : 'warn');

/** Calls `task` at most once per animation frame however often it is asked. */
export function batched(task: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      task();
    });
  };
}

export function header(ctx: ViewContext, ...crumbs: (HTMLElement | string)[]): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('span', { class: 'brand' }, ctx.source.live ? link(routes.runs(), 'groklab') : 'groklab'),
    ...crumbs.flatMap((c) => [h('span', { class: 'sep' }, '/'), typeof c === 'string' ? h('span', {}, c) : c]),
    ctx.source.live ? h('span', { class: 'live', title: 'updates as runs train' }, '● live') : h('span', { class: 'live off' }, 'snapshot'),
  );
}
