// `groklab export html`: one page of the dashboard as a single file with its data, chart code
// and figures inline, to mail or attach; it opens from disk with no server and no network.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { ExportedPage, RunDetail } from './api-types.js';
import { selfContainedPage } from './assets.js';
import { kindOf, makeRoots } from './catalog.js';
import { LiveStore } from './live.js';
import { decodeSegments, resolveUnder, SERVED_TYPES } from './safe-path.js';

/** Curves of a run page: enough points for a full-width chart. */
const RUN_BUCKETS = 2000;
/** Curves of each run of a sweep (drawn together when a cell is clicked). */
const SWEEP_RUN_BUCKETS = 300;

export function exportedPage(target: string): { title: string; page: ExportedPage } {
  const path = resolve(target);
  const kind = kindOf(path);
  if (kind === 'other')
    throw new UsageError(
      `export html: ${target} is not a run, sweep or reproduction directory (no config.json + meta.json, spec.json + index.json, or report.json)`,
    );
  const store = new LiveStore(makeRoots([path])).open({ watch: false });
  const root = store.catalog.roots[0];
  if (kind === 'run') {
    const run = store.runDetail('.', RUN_BUCKETS)!;
    return { title: `groklab · ${basename(path)}`, page: { kind: 'run', run: { ...run, row: { ...run.row, id: basename(path) } } } };
  }
  if (kind === 'sweep') {
    const sweep = store.sweepDetail('.')!;
    const runs: Record<string, RunDetail> = {};
    for (const id of Object.values(sweep.runIds)) runs[id] = store.runDetail(id, SWEEP_RUN_BUCKETS)!;
    return { title: `groklab · sweep ${sweep.name}`, page: { kind: 'sweep', sweep, runs } };
  }
  const report = store.reportDetail('.', (_entry, rel) => {
    const segments = decodeSegments(rel.split('/').map(encodeURIComponent).join('/'));
    const file = segments && resolveUnder(root, segments);
    if (!file) return null;
    const type = SERVED_TYPES[file.slice(file.lastIndexOf('.')).toLowerCase()].split(';')[0];
    return `data:${type};base64,${readFileSync(file).toString('base64')}`;
  })!;
  return { title: `groklab · ${report.title}`, page: { kind: 'report', report } };
}

export function exportHtml(target: string): string {
  const { title, page } = exportedPage(target);
  return selfContainedPage(title, page);
}
