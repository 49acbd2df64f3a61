// What the dashboard's server sends its client (JSON over HTTP and server-sent events), and what
// an exported HTML file embeds. Plain data, no Node imports: the browser bundle type-checks it too.
import type { Report, ReproductionStatus } from '../runs/report-file.js';

/** Columnar curves: one step column and one column per metric (null where not measured). */
export interface CurveColumns {
  step: number[];
  series: Record<string, (number | null)[]>;
}

/** A run's summary.json as the dashboard reads it. */
export interface RunSummaryView {
  status: string;
  steps: number;
  t_mem: number | null;
  t_gen: number | null;
  delay: number | null;
  outcome: string;
  final: Record<string, number>;
  wall_s: number;
  steps_per_s?: number;
  reason?: string;
}

/** One line of the runs list. */
export interface RunRow {
  /** the run's path relative to its root (prefixed by the root's name when there are several) */
  id: string;
  /** the sweep or reproduction it belongs to, if any */
  parent: { kind: 'sweep' | 'report'; id: string } | null;
  /** running, completed, stopped_early, diverged, interrupted, or killed (marked running, process gone) */
  status: string;
  outcome: string | null;
  t_mem: number | null;
  t_gen: number | null;
  /** steps done: the summary's, or the newest evaluation of a run still training */
  steps: number | null;
  task: string;
  model: string;
  optimizer: string;
  preset: string | null;
  seed: number | null;
  /** seconds spent training */
  wall_s: number | null;
  started: string | null;
  final_test_acc: number | null;
}

export interface SweepListing {
  id: string;
  name: string;
  runs: number;
  finished: number;
}

export interface ReportListing {
  id: string;
  name: string;
  title: string;
  quick: boolean;
  status: ReproductionStatus;
  /** judged checks (reproduced or contradicted), and how many of them reproduced */
  judged: number;
  reproduced: number;
}

export interface StoreListing {
  roots: string[];
  runs: RunRow[];
  sweeps: SweepListing[];
  reports: ReportListing[];
}

/** One chart of the measures of `groklab analyze` (analysis.jsonl) over the step. */
export interface AnalysisPanelView {
  title: string;
  logY: boolean;
  /** values are fractions in [0, 1] */
  unit: boolean;
  curves: CurveColumns;
}

export interface RunDetail {
  row: RunRow;
  config: unknown;
  meta: Record<string, unknown> | null;
  summary: RunSummaryView | null;
  curves: CurveColumns;
  /** evaluations in the whole run (the curves may be downsampled) */
  points: number;
  /** null when the run has no analysis.jsonl */
  analysis: AnalysisPanelView[] | null;
}

export interface SweepParameter {
  path: string;
  /** the shortest unambiguous name, e.g. weightDecay */
  name: string;
  values: (number | string)[];
}

/** One run of a sweep: its parameters, seed and summary numbers (a row of runs.csv). */
export type SweepRunRow = Record<string, string | number | null> & { id: string };

export interface SweepDetail {
  id: string;
  name: string;
  parameters: SweepParameter[];
  rows: SweepRunRow[];
  /** sweep run id → the run's id in the store (for its page and curves) */
  runIds: Record<string, string>;
}

/** A report as the dashboard shows it: its figures as URLs, its runs linked to the store. */
export interface ReportDetail extends Omit<Report, 'plots' | 'runs'> {
  id: string;
  /** figure URLs (served files, or data: URLs in an exported page) */
  figures: { name: string; url: string }[];
  /** the report's runs by store id (null where the run is not in the store) */
  runs: { path: string; id: string | null }[];
}

/** What the server pushes over /api/events. */
export type LiveMessage =
  | { type: 'run'; row: RunRow }
  | { type: 'metrics'; id: string; step: number[]; series: Record<string, (number | null)[]>; reset: boolean }
  | { type: 'sweep'; sweep: SweepListing }
  | { type: 'report'; report: ReportListing };

/** A page exported as one HTML file: the data the client would have fetched. */
export type ExportedPage =
  | { kind: 'run'; run: RunDetail }
  | { kind: 'sweep'; sweep: SweepDetail; runs: Record<string, RunDetail> }
  | { kind: 'report'; report: ReportDetail };
