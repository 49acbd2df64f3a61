// One run from start to verdict: the run directory subscribes to the loop's events, SIGINT
// asks for a clean stop, and the summary is written however the run ends.
import type { RunConfig } from '../config/schema.js';
import { backendChoice } from '../kernels/index.js';
import { detectGrokking, type Baselines } from '../metrics/index.js';
import { UsageError } from '../errors.js';
import { isFinished, type EvalEvent, type RunEvent } from '../runs/events.js';
import type { RunMeta } from '../runs/meta.js';
import { RunDir } from '../runs/store.js';
import type { Summary } from '../runs/summary.js';
import { withInterrupt } from './interrupt.js';
import { train, type TrainResult } from './loop.js';
import { checkMetricNames } from './metric-names.js';
import { checkpointMisfit, restoreCheckpoint, setupRun, type RunSetup } from './setup.js';
import { GROKLAB_VERSION } from '../version.js';

export interface RunOptions {
  /** extra subscribers: a progress display, a dashboard */
  listeners?: ((event: RunEvent) => void)[];
  /** what resume has to say before it continues (a damaged checkpoint passed over); stderr by default */
  notice?: (message: string) => void;
  /** polled between steps besides Ctrl-C: true checkpoints the run and stops it (a sweep's own stop) */
  stopRequested?: () => boolean;
}

/** A new run's meta.json. */
export function newMeta(config: RunConfig, preset: string | null): RunMeta {
  const { backend, reason } = backendChoice();
  return {
    groklab: GROKLAB_VERSION,
    seed: config.training.seed,
    backend: backend.name,
    backendReason: reason,
    dtype: config.training.dtype,
    node: process.version,
    preset,
    started: new Date().toISOString(),
    ended: null,
    status: 'running',
    pid: process.pid,
    trainSeconds: 0,
    peakRssMiB: null,
  };
}

export async function startRun(config: RunConfig, out: string, preset: string | null, opts: RunOptions = {}): Promise<{ dir: RunDir; summary: Summary }> {
  // Built and checked before the directory exists: a bad config or missing data leaves nothing behind.
  RunDir.checkFree(out);
  const run = setupRun(config);
  checkMetricNames(config, Object.keys(run.experiment.evaluate()));
  const dir = RunDir.create(out, config, newMeta(config, preset));
  try {
    return { dir, summary: await execute(dir, run, [], 0, opts) };
  } finally {
    dir.release();
  }
}

/**
 * Continues a run from its newest intact checkpoint (or from the start if it has none). It
 * takes the run's lock and checks meta.json, config.json, the metrics log and the checkpoint
 * before it changes anything: a run it refuses is left as it was.
 */
export async function resumeRun(path: string, opts: RunOptions = {}): Promise<{ dir: RunDir; summary: Summary; config: RunConfig }> {
  const notice = opts.notice ?? ((m: string) => process.stderr.write(`groklab: ${m}\n`));
  const dir = RunDir.open(path);
  dir.lock('resume');
  try {
    const meta = dir.readMeta();
    const config = dir.readConfig();
    const ended = dir.readSummary();
    if (ended && isFinished(ended.status))
      throw new UsageError(`${path}: the run has ended (${ended.status} at step ${ended.steps}); there is nothing to resume`);
    dir.readEvents();
    const run = setupRun(config);
    checkMetricNames(config, Object.keys(run.experiment.evaluate()));
    const { snapshot, skipped } = dir.intactCheckpoint((s) => checkpointMisfit(run.experiment, s));
    // Validated: from here on the run directory changes.
    for (const s of skipped) notice(`${path}: passing over the checkpoint of step ${s.step}: ${s.reason}`);
    if (skipped.length > 0) notice(`${path}: resuming from ${snapshot ? `the checkpoint of step ${snapshot.step}` : 'step 0 (no intact checkpoint)'}`);
    const resumed = snapshot ? restoreCheckpoint(run, snapshot) : run;
    dir.removeTemporaries();
    dir.truncateEventsAfter(snapshot ? snapshot.step : -1);
    dir.clearSummary();
    const history = dir.readEvents().filter((e): e is EvalEvent => e.event === 'eval');
    dir.writeMeta({ ...meta, status: 'running', ended: null, pid: process.pid });
    return { dir, config, summary: await execute(dir, resumed, history, meta.trainSeconds, opts) };
  } finally {
    dir.release();
  }
}

async function execute(dir: RunDir, run: RunSetup, history: EvalEvent[], secondsBefore: number, opts: RunOptions): Promise<Summary> {
  const { config } = run;
  const started = performance.now();
  const stepsBefore = run.step;
  const result: TrainResult = await withInterrupt((interrupted) =>
    train(
      run,
      {
        onEvent: (event) => {
          if (event.event !== 'step') dir.appendEvent(event);
          for (const listen of opts.listeners ?? []) listen(event);
        },
        saveCheckpoint: (s) => dir.saveCheckpoint(s),
        saveSnapshot: (step, weights) => dir.saveSnapshot(step, weights),
        saveFinalWeights: (step, weights, status) => dir.saveFinalWeights(step, weights, status),
        stopRequested: () => interrupted() || opts.stopRequested?.() === true,
      },
      history,
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  return finishRun(dir, config, result, secondsBefore + seconds, (result.done.step - stepsBefore) / Math.max(seconds, 1e-9), run.experiment.baselines);
}

/** Writes summary.json and the final meta of a run that has ended (however it ended); `baselines` are the experiment's. */
export function finishRun(dir: RunDir, config: RunConfig, result: TrainResult, wall: number, stepsPerSecond: number, baselines: Baselines = {}): Summary {
  const verdict = detectGrokking(result.evals, config.detection, baselines);
  const summary: Summary = {
    status: result.done.status,
    steps: result.done.step,
    ...verdict,
    final: result.evals.at(-1)?.metrics ?? {},
    wall_s: wall,
    steps_per_s: stepsPerSecond,
    ...(result.done.reason ? { reason: result.done.reason } : {}),
  };
  dir.writeSummary(summary);
  // maxRSS is in KiB.
  dir.updateMeta({
    status: result.done.status,
    ended: new Date().toISOString(),
    trainSeconds: wall,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  return summary;
}
