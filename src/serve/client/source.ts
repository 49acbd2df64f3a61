// Where the pages get their data: the dashboard's server (fetch + server-sent events), or the
// data embedded in an exported HTML file (a fixed snapshot, no server).
import type { ExportedPage, LiveMessage, ReportDetail, RunDetail, StoreListing, SweepDetail } from '../api-types.js';

export interface Source {
  live: boolean;
  store(): Promise<StoreListing>;
  run(id: string, width: number): Promise<RunDetail>;
  sweep(id: string): Promise<SweepDetail>;
  report(id: string): Promise<ReportDetail>;
  /** Calls `listener` for each change; returns the unsubscribe. */
  subscribe(listener: (message: LiveMessage) => void): () => void;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const q = encodeURIComponent;

export function serverSource(): Source {
  const listeners = new Set<(m: LiveMessage) => void>();
  let events: EventSource | null = null;
  const connect = () => {
    events = new EventSource('/api/events');
    for (const type of ['run', 'metrics', 'sweep', 'report'] as const) {
      events.addEventListener(type, (e) => {
        const message = JSON.parse((e as MessageEvent<string>).data) as LiveMessage;
        for (const l of listeners) l(message);
      });
    }
  };
  return {
    live: true,
    store: () => getJson('/api/store'),
    run: (id, width) => getJson(`/api/run?id=${q(id)}&width=${Math.round(width)}`),
    sweep: (id) => getJson(`/api/sweep?id=${q(id)}`),
    report: (id) => getJson(`/api/report?id=${q(id)}`),
    subscribe(listener) {
      if (!events) connect();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function embeddedSource(page: ExportedPage): Source {
  const missing = (what: string) => Promise.reject(new Error(`${what} is not part of this exported page`));
  return {
    live: false,
    store: () => missing('the runs list'),
    run: (id) => {
      if (page.kind === 'run') return Promise.resolve(page.run);
      if (page.kind === 'sweep' && page.runs[id]) return Promise.resolve(page.runs[id]);
      return missing(`run ${id}`);
    },
    sweep: () => (page.kind === 'sweep' ? Promise.resolve(page.sweep) : missing('the sweep')),
    report: () => (page.kind === 'report' ? Promise.resolve(page.report) : missing('the report')),
    subscribe: () => () => {},
  };
}
