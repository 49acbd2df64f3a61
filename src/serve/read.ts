// Reading what the catalog found into the shapes the client draws: a run's list row and page,
// a sweep's table, a reproduction's report. Reads only files inside the entry's directory.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { analysisPanels, MEASURES, type AnalysisLine, type MeasureChoice } from '../analysis/index.js';
import { isJudged, REPRODUCTION_STATUSES, reproductionStatus, VERDICTS, type Comparison, type Report, type ReproductionStatus } from '../runs/report-file.js';
import { shortNames } from '../sweep/expand.js';
import type {
  AnalysisPanelView,
  ReportDetail,
  ReportListing,
  RunDetail,
  RunRow,
  RunSummaryView,
  SweepDetail,
  SweepListing,
  SweepParameter,
  SweepRunRow,
} from './api-types.js';
import type { Catalog, Entry } from './catalog.js';
import { downsample } from './downsample.js';
import type { MetricsReader } from './metrics-reader.js';

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A run marked running whose process is gone was killed; say so. */
function liveStatus(meta: Record<string, unknown>): string {
  const status = str(meta.status) ?? 'unknown';
  const pid = num(meta.pid);
  if (status !== 'running' || pid === null) return status;
  try {
    process.kill(pid, 0);
    return 'running';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'running' : 'killed';
  }
}

/** The nearest sweep or reproduction above a run, if the catalog holds one. */
function parentOf(catalog: Catalog, path: string): RunRow['parent'] {
  let dir = resolve(path, '..');
  for (let i = 0; i < 4; i++) {
    const e = catalog.at(dir);
    if (e && e.kind !== 'run') return { kind: e.kind, id: e.id };
    const up = resolve(dir, '..');
    if (up === dir) break;
    dir = up;
  }
  return null;
}

export function readRunRow(catalog: Catalog, entry: Entry, metrics: () => MetricsReader, describe: (section: unknown) => string): RunRow {
  const meta = record(readJson(join(entry.path, 'meta.json')));
  const config = record(readJson(join(entry.path, 'config.json')));
  const summary = readJson(join(entry.path, 'summary.json')) as RunSummaryView | null;
  const status = liveStatus(meta);
  let steps = summary ? num(summary.steps) : null;
  if (!summary) steps = metrics().columns.step.at(-1) ?? null;
  const training = record(config.training);
  return {
    id: entry.id,
    parent: parentOf(catalog, entry.path),
    status: summary && status !== 'running' ? (str(summary.status) ?? status) : status,
    outcome: summary ? str(summary.outcome) : null,
    t_mem: summary ? num(summary.t_mem) : null,
    t_gen: summary ? num(summary.t_gen) : null,
    steps,
    task: describe(config.task),
    model: describe(config.model),
    optimizer: describe(config.optimizer),
    preset: str(meta.preset),
    seed: num(meta.seed) ?? num(training.seed),
    wall_s: summary ? num(summary.wall_s) : num(meta.trainSeconds),
    started: str(meta.started),
    final_test_acc: summary ? num(record(summary.final).test_acc) : null,
  };
}

/**
 * analysis.jsonl as the panels `groklab analyze` draws (the analysis layer chooses which scalars
 * of each measure are worth a curve and on what axis); unknown measures are left out.
 */
export function readAnalysis(file: string): AnalysisPanelView[] | null {
  if (!existsSync(file)) return null;
  const lines: AnalysisLine[] = [];
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    try {
      const line = JSON.parse(text) as AnalysisLine;
      if (typeof line.step === 'number' && line.measures && typeof line.measures === 'object') lines.push(line);
    } catch {
      // a damaged line shows as a gap
    }
  }
  const present = [...new Set(lines.flatMap((l) => Object.keys(l.measures)))].filter((name) => name in MEASURES);
  const choices = present.map((name) => ({ measure: MEASURES[name], options: MEASURES[name].options.parse({}) })) as MeasureChoice[];
  return analysisPanels(lines, choices, []).map((panel) => {
    const step = [...new Set(panel.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
    const series = Object.fromEntries(
      panel.series.map((s) => {
        const at = new Map(s.points.map((p) => [p.x, p.y]));
        return [s.name, step.map((x) => at.get(x) ?? null)];
      }),
    );
    return { title: panel.title, logY: panel.yLog === true, unit: panel.unit === true, curves: { step, series } };
  });
}

export function readRunDetail(entry: Entry, row: RunRow, metrics: MetricsReader, buckets: number): RunDetail {
  return {
    row,
    config: readJson(join(entry.path, 'config.json')),
    meta: readJson(join(entry.path, 'meta.json')) as Record<string, unknown> | null,
    summary: readJson(join(entry.path, 'summary.json')) as RunSummaryView | null,
    curves: downsample(metrics.columns, buckets),
    points: metrics.columns.step.length,
    analysis: readAnalysis(join(entry.path, 'analysis.jsonl')),
  };
}

interface IndexEntry {
  id: string;
  params: Record<string, unknown>;
  seed: number;
}

export function readSweepListing(entry: Entry): SweepListing {
  const spec = record(readJson(join(entry.path, 'spec.json')));
  const index = (readJson(join(entry.path, 'index.json')) as IndexEntry[] | null) ?? [];
  const finished = index.filter((r) => existsSync(join(entry.path, 'runs', r.id, 'summary.json'))).length;
  return { id: entry.id, name: str(spec.name) ?? entry.id, runs: index.length, finished };
}

const SWEEP_NUMBERS = ['t_mem', 't_gen', 'delay', 'steps', 'wall_s'] as const;

export function readSweepDetail(catalog: Catalog, entry: Entry): SweepDetail {
  const spec = record(readJson(join(entry.path, 'spec.json')));
  const index = (readJson(join(entry.path, 'index.json')) as IndexEntry[] | null) ?? [];
  const paths = Object.keys(record(spec.parameters));
  const names = shortNames(paths);
  const runIds: Record<string, string> = {};
  const rows: SweepRunRow[] = index.map(({ id, params, seed }) => {
    const runPath = join(entry.path, 'runs', id);
    const run = catalog.at(runPath);
    if (run) runIds[id] = run.id;
    const s = record(readJson(join(runPath, 'summary.json')));
    const row: SweepRunRow = { id, seed, status: str(s.status) ?? (run ? 'running' : 'not started'), outcome: str(s.outcome) };
    for (const p of paths) row[p] = typeof params[p] === 'number' || typeof params[p] === 'string' ? (params[p] as number | string) : JSON.stringify(params[p]);
    for (const k of SWEEP_NUMBERS) row[k] = num(s[k]);
    row.final_test_acc = num(record(s.final).test_acc);
    row.final_train_acc = num(record(s.final).train_acc);
    return row;
  });
  const parameters: SweepParameter[] = paths.map((path) => {
    const values = [...new Set(rows.map((r) => r[path]).filter((v): v is number | string => v !== null))];
    values.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
    return { path, name: names[path], values };
  });
  return { id: entry.id, name: str(spec.name) ?? entry.id, parameters, rows, runIds };
}

/** One check as the page shows it. A report.json without verdicts (an older groklab) says `within`: true, false, or null for nothing judged. */
function comparisonOf(v: unknown): Comparison {
  const c = record(v);
  const verdict = VERDICTS.find((x) => x === c.verdict) ?? (c.within === true ? 'reproduced' : c.within === false ? 'contradicted' : 'reported');
  const measured = typeof c.measured === 'number' || typeof c.measured === 'string' ? c.measured : null;
  const note = str(c.note);
  return {
    quantity: str(c.quantity) ?? '',
    paper: str(c.paper) ?? '',
    measured,
    tolerance: str(c.tolerance) ?? '',
    verdict,
    ...(note === null ? {} : { note }),
  };
}

function readChecks(r: Record<string, unknown>): { comparisons: Comparison[]; status: ReproductionStatus } {
  const comparisons = Array.isArray(r.comparisons) ? r.comparisons.map(comparisonOf) : [];
  return { comparisons, status: REPRODUCTION_STATUSES.find((s) => s === r.status) ?? reproductionStatus(comparisons) };
}

export function readReportListing(entry: Entry): ReportListing {
  const r = record(readJson(join(entry.path, 'report.json')));
  const { comparisons, status } = readChecks(r);
  const judged = comparisons.filter(isJudged);
  return {
    id: entry.id,
    name: str(r.name) ?? entry.id,
    title: str(r.title) ?? entry.id,
    quick: r.quick === true,
    status,
    judged: judged.length,
    reproduced: judged.filter((c) => c.verdict === 'reproduced').length,
  };
}

/** `figureUrl` turns a figure's path inside the report directory into what the page loads. */
export function readReportDetail(catalog: Catalog, entry: Entry, figureUrl: (relative: string) => string | null): ReportDetail {
  const r = readJson(join(entry.path, 'report.json')) as Partial<Report> | null;
  const { comparisons, status } = readChecks(record(r));
  const inside = (rel: string) => {
    const abs = resolve(entry.path, rel);
    return abs.startsWith(entry.path + sep) ? abs : null;
  };
  const figures = (r?.plots ?? []).flatMap((p) => {
    const url = inside(p) ? figureUrl(p) : null;
    return url ? [{ name: p, url }] : [];
  });
  return {
    id: entry.id,
    name: r?.name ?? entry.id,
    title: r?.title ?? entry.id,
    source: r?.source ?? '',
    quick: r?.quick === true,
    status,
    command: r?.command ?? '',
    started: r?.started ?? '',
    wall_s: r?.wall_s ?? 0,
    backend: r?.backend ?? '',
    comparisons,
    figures,
    notes: r?.notes ?? [],
    runs: (r?.runs ?? []).map((p) => {
      const abs = inside(p);
      return { path: p, id: abs ? (catalog.at(abs)?.id ?? null) : null };
    }),
  };
}
