// A run's logged evaluations as a tidy table: one row per (run, step, metric) with its value, and
// any fields that tell runs apart (a sweep's varied config paths) repeated on every row.
import { columnOf, type Column } from './table.js';
import type { EvalEvent } from './events.js';
import { RunDir } from './store.js';

export interface MetricRow {
  run: string;
  step: number;
  metric: string;
  value: number;
  /** config paths → values, e.g. {"optimizer.weightDecay": 0.1, "training.seed": 2} */
  fields: Record<string, unknown>;
}

export function runMetricRows(runPath: string, run: string, fields: Record<string, unknown> = {}): MetricRow[] {
  const evals = RunDir.open(runPath)
    .readEvents()
    .filter((e): e is EvalEvent => e.event === 'eval');
  return evals.flatMap(({ step, metrics }) => Object.entries(metrics).map(([metric, value]) => ({ run, step, metric, value, fields })));
}

/** run, step, metric, value, then each field in first-seen order (null where a run lacks it). */
export function metricsColumns(rows: readonly MetricRow[]): Column[] {
  const fieldNames = [...new Set(rows.flatMap((r) => Object.keys(r.fields)))];
  return [
    { name: 'run', type: 'STRING', values: rows.map((r) => r.run) },
    { name: 'step', type: 'INT64', values: rows.map((r) => r.step) },
    { name: 'metric', type: 'STRING', values: rows.map((r) => r.metric) },
    { name: 'value', type: 'DOUBLE', values: rows.map((r) => r.value) },
    ...fieldNames.map((name) =>
      columnOf(
        name,
        rows.map((r) => r.fields[name] ?? null),
      ),
    ),
  ];
}
