// What one worker of a sweep trains, through the library: new runs (several as one ensemble,
// units.ts) or one started run, resumed from its newest checkpoint. The same code
// trains in this process (one worker) and in the sweep's child processes (child.ts).
import { readFileSync } from 'node:fs';
import type { RunConfig } from '../config/schema.js';
import { validateConfig } from '../config/validate.js';
import type { RunEvent } from '../runs/events.js';
import type { Summary } from '../runs/summary.js';
import { runEnsemble } from '../train/ensemble.js';
import { withInterrupt } from '../train/interrupt.js';
import { resumeRun, startRun } from '../train/run.js';

/** Paths only (a sweep's configs/<id>.json and runs/<id>/), so that a job crosses to a child process as it is. */
export type Job = { start: { config: string; out: string }[] } | { resume: string };

/** A run's config as the sweep wrote it. */
export function readRunConfig(path: string): RunConfig {
  return validateConfig(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Trains the job; resolves with its runs' summaries in order. Ctrl-C or `stopRequested`
 * checkpoints every run and ends it 'interrupted'. `onStep` hears each step taken (of the
 * longest member, for an ensemble).
 */
export async function trainJob(job: Job, stopRequested: () => boolean = () => false, onStep: (step: number) => void = () => {}): Promise<Summary[]> {
  const listeners = [(event: RunEvent) => event.event === 'step' && onStep(event.step)];
  if ('resume' in job) return [(await resumeRun(job.resume, { stopRequested, listeners })).summary];
  const members = job.start.map(({ config, out }) => ({ config: readRunConfig(config), out }));
  if (members.length === 1) return [(await startRun(members[0].config, members[0].out, null, { stopRequested, listeners })).summary];
  return withInterrupt((interrupted) => runEnsemble(members, { stopRequested: () => interrupted() || stopRequested(), onStep }));
}
