// A sweep's metrics as one tidy table: every started run's rows, with the parameters that vary
// across the sweep and the training seed as columns.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runMetricRows, type MetricRow } from '../runs/metrics-table.js';
import type { SweepDir } from './directory.js';

export function sweepMetricRows(dir: SweepDir): MetricRow[] {
  return dir
    .readIndex()
    .filter(({ id }) => existsSync(join(dir.runPath(id), 'config.json')))
    .flatMap(({ id, params, seed }) => runMetricRows(dir.runPath(id), id, { ...params, 'training.seed': seed }));
}
