// The training loop of one run. It reads top to bottom: snapshot the weights and evaluate on
// the log-spaced schedules, checkpoint, take a step; it knows nothing about files or terminals —
// it emits events and hands weights to its hooks, and the run store and the progress display
// subscribe.
import type { Snapshot } from '../runs/checkpoint.js';
import type { DoneEvent, EvalEvent, RunEvent } from '../runs/events.js';
import type { ShapedParams } from '../runs/store.js';
import { DEFAULT_SNAPSHOTS, evalSteps, everySteps, snapshotSchedule } from './schedule.js';
import type { RunSetup } from './setup.js';

export interface TrainHooks {
  onEvent(event: RunEvent): void;
  /** Persists a snapshot; returns where it went (for the checkpoint event). */
  saveCheckpoint(snapshot: Snapshot): string;
  /** Persists the parameters after `step` steps as a snapshot of the trajectory (a run store does; a benchmark need not). */
  saveSnapshot?(step: number, weights: ShapedParams): void;
  /** Persists the parameters a run ended with (not called for an interrupted run, which resumes). */
  saveFinalWeights?(step: number, weights: ShapedParams, status: DoneEvent['status']): void;
  /** Polled between steps: true asks the loop to checkpoint and stop (Ctrl-C). */
  stopRequested(): boolean;
}

export interface TrainResult {
  done: DoneEvent;
  evals: EvalEvent[];
}

/** Let signals and timers through about this often; the loop itself is synchronous work. */
const YIELD_MS = 50;

/**
 * Trains from run.step to the configured number of steps. `history` holds the evaluations
 * already logged before a resume, so early stopping sees the same streak as without it.
 */
export async function train(run: RunSetup, hooks: TrainHooks, history: EvalEvent[] = []): Promise<TrainResult> {
  const { training } = run.config;
  const evaluations = training.evalEvery ? everySteps(training.steps, training.evalEvery) : evalSteps(training.steps, training.evalsPerDecade);
  const schedule = new Set(evaluations);
  const snapshots = new Set(snapshotSchedule(evaluations, training.snapshots ?? DEFAULT_SNAPSHOTS));
  const weights: ShapedParams = { params: run.experiment.arrays, shapes: run.experiment.shapes };
  const evals = [...history];
  const started = performance.now() - (history.at(-1)?.wall_s ?? 0) * 1000;
  let lastYield = performance.now();

  const emitEval = (step: number) => {
    const event: EvalEvent = { event: 'eval', step, wall_s: (performance.now() - started) / 1000, metrics: run.experiment.evaluate() };
    evals.push(event);
    hooks.onEvent(event);
  };
  const checkpoint = (step: number) => {
    const path = hooks.saveCheckpoint({ step, params: run.experiment.arrays, optimizer: run.experiment.state });
    hooks.onEvent({ event: 'checkpoint', step, path });
  };
  const finish = (step: number, status: DoneEvent['status'], reason?: string): TrainResult => {
    if (status !== 'interrupted') hooks.saveFinalWeights?.(step, weights, status);
    const done: DoneEvent = { event: 'done', step, status, ...(reason ? { reason } : {}) };
    hooks.onEvent(done);
    return { done, evals };
  };

  let step = run.step;
  for (; step < training.steps; step++) {
    // A resumed run rewrites the snapshot at its checkpoint's step: the same values.
    if (snapshots.has(step)) hooks.saveSnapshot?.(step, weights);
    if (schedule.has(step) && evals.at(-1)?.step !== step) {
      emitEval(step);
      if (heldThreshold(evals, training.earlyStop)) return finish(step, 'stopped_early', `${training.earlyStop!.metric} ≥ ${training.earlyStop!.threshold} for ${training.earlyStop!.evals} evaluations`);
    }
    if (step > run.step && step % training.checkpointEvery === 0) checkpoint(step);

    const loss = run.experiment.step(step);
    if (!Number.isFinite(loss)) {
      emitEval(step);
      return finish(step, 'diverged', `training loss became ${loss} at step ${step + 1}`);
    }
    hooks.onEvent({ event: 'step', step: step + 1, loss });

    if (performance.now() - lastYield > YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      if (hooks.stopRequested()) {
        checkpoint(step + 1);
        return finish(step + 1, 'interrupted', `stopped at step ${step + 1} on request`);
      }
    }
  }
  if (snapshots.has(step)) hooks.saveSnapshot?.(step, weights);
  if (evals.at(-1)?.step !== step) emitEval(step);
  return finish(step, 'completed');
}

export function heldThreshold(evals: EvalEvent[], rule: RunSetup['config']['training']['earlyStop']): boolean {
  if (!rule || evals.length < rule.evals) return false;
  return evals.slice(-rule.evals).every((e) => (e.metrics[rule.metric] ?? -Infinity) >= rule.threshold);
}
