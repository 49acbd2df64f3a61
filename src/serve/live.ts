// The store as the dashboard sees it, kept current by file watching: one fs.watch per directory
// of the store (not per file, and never on checkpoints/). A new line in a run's metrics.jsonl is
// read from where the last read stopped and pushed to the clients; a new directory is walked
// alone; nothing re-reads the whole store after the first walk.
import { EventEmitter } from 'node:events';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';
import type { LiveMessage, ReportDetail, RunDetail, RunRow, StoreListing, SweepDetail } from './api-types.js';
import { Catalog, MAX_DEPTH, type Entry, type EntryKind, type Root } from './catalog.js';
import { describeSection } from './describe.js';
import { MetricsReader } from './metrics-reader.js';
import { readReportDetail, readReportListing, readRunDetail, readRunRow, readSweepDetail, readSweepListing } from './read.js';

/** Changes within this window are read once: a burst of appends costs one read. */
const COALESCE_MS = 40;
const RUN_FILES = new Set(['meta.json', 'summary.json', 'config.json']);

export class LiveStore extends EventEmitter<{ message: [LiveMessage] }> {
  readonly catalog: Catalog;
  private readonly rows = new Map<string, RunRow>();
  private readonly readers = new Map<string, MetricsReader>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly depths = new Map<string, number>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private watching = false;

  constructor(roots: Root[]) {
    super();
    this.catalog = new Catalog(roots);
  }

  /** Walks every root once; with `watch`, keeps watching for changes until close(). */
  open({ watch: live }: { watch: boolean }): this {
    this.watching = live;
    for (const root of this.catalog.roots) this.walk(root.path, 0, false);
    return this;
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.watching = false;
  }

  listing(): StoreListing {
    return {
      roots: this.catalog.roots.map((r) => r.path),
      runs: [...this.rows.values()],
      sweeps: [...this.catalog.sweeps.values()],
      reports: [...this.catalog.reports.values()],
    };
  }

  runDetail(id: string, buckets: number): RunDetail | null {
    const entry = this.catalog.get(id);
    if (entry?.kind !== 'run') return null;
    const reader = this.reader(entry);
    reader.update();
    const row = this.refreshRow(entry);
    return readRunDetail(entry, row, reader, buckets);
  }

  sweepDetail(id: string): SweepDetail | null {
    const entry = this.catalog.get(id);
    return entry?.kind === 'sweep' ? readSweepDetail(this.catalog, entry) : null;
  }

  reportDetail(id: string, figureUrl: (entry: Entry, relative: string) => string | null): ReportDetail | null {
    const entry = this.catalog.get(id);
    return entry?.kind === 'report' ? readReportDetail(this.catalog, entry, (rel) => figureUrl(entry, rel)) : null;
  }

  private reader(entry: Entry): MetricsReader {
    let reader = this.readers.get(entry.id);
    if (!reader) {
      reader = new MetricsReader(join(entry.path, 'metrics.jsonl'));
      this.readers.set(entry.id, reader);
    }
    return reader;
  }

  private refreshRow(entry: Entry): RunRow {
    const row = readRunRow(
      this.catalog,
      entry,
      () => {
        const reader = this.reader(entry);
        reader.update();
        return reader;
      },
      describeSection,
    );
    this.rows.set(entry.id, row);
    return row;
  }

  private register(kind: EntryKind, path: string, announce: boolean): void {
    const entry = this.catalog.add(kind, path);
    if (!entry) return;
    if (kind === 'run') {
      const row = this.refreshRow(entry);
      if (announce) this.emit('message', { type: 'run', row });
    } else if (kind === 'sweep') {
      const sweep = readSweepListing(entry);
      this.catalog.sweeps.set(entry.id, sweep);
      if (announce) this.emit('message', { type: 'sweep', sweep });
    } else {
      const report = readReportListing(entry);
      this.catalog.reports.set(entry.id, report);
      if (announce) this.emit('message', { type: 'report', report });
    }
  }

  /** Catalogs (and watches) `dir` and what lies below it that is not known yet. */
  private walk(dir: string, depth: number, announce: boolean): void {
    Catalog.walk(
      dir,
      depth,
      (path, kind, d) => {
        if (kind !== 'other' && this.catalog.at(path)?.kind !== kind) this.register(kind, path, announce);
        this.watchDir(path, d);
      },
      (path) => !this.watchers.has(path) || path === dir,
    );
  }

  private watchDir(dir: string, depth: number): void {
    if (!this.watching || this.watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_type, filename) => this.changed(dir, filename === null ? null : String(filename)));
      watcher.on('error', () => this.forget(dir));
      this.watchers.set(dir, watcher);
      this.depths.set(dir, depth);
    } catch {
      // A directory removed between readdir and watch, or no inotify watches left: not live.
    }
  }

  private forget(dir: string): void {
    for (const [path, watcher] of this.watchers) {
      if (path === dir || path.startsWith(dir + sep)) {
        watcher.close();
        this.watchers.delete(path);
        this.depths.delete(path);
      }
    }
    for (const e of this.catalog.removeUnder(dir)) {
      this.rows.delete(e.id);
      this.readers.delete(e.id);
    }
  }

  /** Runs `task` once per key within the coalescing window. */
  private soon(key: string, task: () => void): void {
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        task();
      }, COALESCE_MS),
    );
  }

  private changed(dir: string, filename: string | null): void {
    if (!existsSync(dir)) {
      this.soon(`gone:${dir}`, () => this.forget(dir));
      return;
    }
    const entry = this.catalog.at(dir);
    if (entry?.kind === 'run') {
      if (filename === 'metrics.jsonl' || filename === null) this.soon(`metrics:${dir}`, () => this.metricsChanged(entry));
      if (filename === null || RUN_FILES.has(filename)) this.soon(`row:${dir}`, () => this.register('run', dir, true));
      if (filename === 'analysis.jsonl') this.soon(`row:${dir}`, () => this.register('run', dir, true));
      return;
    }
    if (entry && (filename === 'report.json' || filename === 'index.json' || filename === 'summary.json')) {
      this.soon(`listing:${dir}`, () => this.register(entry.kind, dir, true));
    }
    // A new or removed child directory, or the files that make this one a run/sweep/report.
    this.soon(`walk:${dir}`, () => {
      for (const path of [...this.watchers.keys()]) if (path.startsWith(dir + sep) && !existsSync(path)) this.forget(path);
      const depth = this.depths.get(dir) ?? MAX_DEPTH;
      this.walk(dir, depth, true);
      if (entry?.kind === 'sweep') this.register('sweep', dir, true);
    });
  }

  private metricsChanged(entry: Entry): void {
    if (this.catalog.get(entry.id) !== entry) return;
    const reader = this.reader(entry);
    const { evals, reset } = reader.update();
    if (!evals.length && !reset) return;
    const names = Object.keys(reader.columns.series);
    const series = Object.fromEntries(names.map((n) => [n, evals.map((e) => (Number.isFinite(e.metrics[n]) ? e.metrics[n] : null))]));
    this.emit('message', { type: 'metrics', id: entry.id, step: evals.map((e) => e.step), series, reset });
    // The list shows a training run's step count; it follows the metrics.
    const row = this.rows.get(entry.id);
    if (row && row.status === 'running') {
      row.steps = reader.columns.step.at(-1) ?? row.steps;
      this.emit('message', { type: 'run', row });
    }
  }
}
