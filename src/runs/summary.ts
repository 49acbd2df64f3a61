// summary.json: a run's verdict, written once it ends (however it ends). Parsed on read, so
// sweeps, reproductions, plots and `inspect` get a typed Summary or an error naming the file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OUTCOMES } from '../metrics/grokking.js';
import { RUN_STATUSES } from './events.js';
import { parseJsonFile } from './parse.js';

// JSON has no NaN or ±Infinity: a diverged run's metrics come back as null.
const jsonNumber = z.number().nullable();

export const summarySchema = z.object({
  status: z.enum(RUN_STATUSES).exclude(['running']),
  steps: z.number(),
  /** first evaluated step at which the train metric crossed its threshold (memorization) */
  t_mem: z.number().nullable(),
  /** first evaluated step at which the test metric crossed its threshold (generalization) */
  t_gen: z.number().nullable(),
  delay: z.number().nullable(),
  ratio: z.number().nullable(),
  outcome: z.enum(OUTCOMES),
  /** how t_mem and t_gen were read: fixed thresholds, or relative to the learned-nothing error and the run's plateau */
  reading: z.enum(['threshold', 'plateau']).default('threshold'),
  /** the metrics of the last evaluation */
  final: z.record(z.string(), jsonNumber),
  wall_s: z.number(),
  steps_per_s: z.number(),
  /** why a run ended early (diverged at step N, held test_acc ≥ 0.99 for K evals, …) */
  reason: z.string().optional(),
});

export type Summary = z.output<typeof summarySchema>;

/** The summary of the run in `runPath`, or null while it has none (running, or interrupted). */
export function readSummary(runPath: string): Summary | null {
  const file = join(runPath, 'summary.json');
  return existsSync(file) ? parseJsonFile(file, summarySchema) : null;
}
