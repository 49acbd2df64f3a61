// Runs one reproduction into its directory and writes report.md / report.json.
import { mkdirSync } from 'node:fs';
import { backendChoice } from '../kernels/index.js';
import { startClock } from './clock.js';
import { reproductionStatus, writeReport, type Report } from './report.js';
import type { Reproduction } from './reproduction.js';

export interface RunReproductionOptions {
  quick: boolean;
  out: string;
  log?: (message: string) => void;
  /** a user-supplied data file, passed on as ReproduceContext.data */
  data?: string;
}

export async function runReproduction(r: Reproduction, opts: RunReproductionOptions): Promise<Report> {
  mkdirSync(opts.out, { recursive: true });
  const started = new Date();
  const clock = startClock(opts.out, opts.quick);
  const result = await r.run({ quick: opts.quick, out: opts.out, log: opts.log ?? (() => {}), data: opts.data }).catch((error: unknown) => {
    clock.stop(false);
    throw error;
  });
  const elapsed = clock.stop(true);
  const report: Report = {
    name: r.name,
    title: r.title,
    source: r.source,
    quick: opts.quick,
    status: reproductionStatus(result.comparisons),
    command: `groklab reproduce ${r.name}${opts.quick ? ' --quick' : ''}${opts.data === undefined ? '' : ` --data ${JSON.stringify(opts.data)}`}`,
    started: started.toISOString(),
    wall_s: elapsed.seconds,
    invocations: elapsed.invocations,
    backend: backendChoice().backend.name,
    comparisons: result.comparisons,
    plots: result.plots,
    runs: result.runs ?? [],
    notes: result.notes ?? [],
  };
  writeReport(opts.out, report);
  return report;
}
