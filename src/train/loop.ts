// The training loop. It reads top to bottom: snapshot the weights and evaluate on the
// log-spaced schedules, checkpoint, take a step; it knows nothing about files or terminals —
// it emits events and hands weights to its hooks, and the run store and the progress display
// subscribe. It steps E members together (an ensemble, one batched computation); a single run
// is an ensemble of one.
import type { Snapshot } from '../runs/checkpoint.js';
import type { DoneEvent, EvalEvent, RunEvent } from '../runs/events.js';
import type { ShapedParams } from '../runs/store.js';
import type { Experiment } from './experiment.js';
import { DEFAULT_SNAPSHOTS, evalSteps, everySteps, snapshotSchedule } from './schedule.js';
import type { RunSetup } from './setup.js';

/** Where one member's events and weights go. */
export interface MemberHooks {
  onEvent(event: RunEvent): void;
  /** Persists a snapshot; returns where it went (for the checkpoint event). */
  saveCheckpoint(snapshot: Snapshot): string;
  /** Persists the parameters after `step` steps as a snapshot of the trajectory (a run store does; a benchmark need not). */
  saveSnapshot?(step: number, weights: ShapedParams): void;
  /** Persists the parameters a run ended with (not called for an interrupted run, which resumes). */
  saveFinalWeights?(step: number, weights: ShapedParams, status: DoneEvent['status']): void;
}

export interface TrainHooks extends MemberHooks {
  /** Polled between steps: true asks the loop to checkpoint and stop (Ctrl-C). */
  stopRequested(): boolean;
}

export interface TrainResult {
  done: DoneEvent;
  evals: EvalEvent[];
}

/** One member of a training: its config (members share the training schedule), its state and its hooks. */
export interface Member {
  config: RunSetup['config'];
  model: Omit<Experiment, 'step'>;
  hooks: MemberHooks;
  /** the evaluations logged before a resume, so early stopping sees the same streak as without it */
  history: readonly EvalEvent[];
}

export interface MembersControl {
  /** the step to continue from: 0, or a checkpoint's */
  from: number;
  /** One step of the members still active; returns every member's loss before the update. */
  step(step: number, active: readonly boolean[]): ArrayLike<number>;
  /** Polled between steps: true asks every member to checkpoint and stop (Ctrl-C). */
  stopRequested(): boolean;
  /** after each step the members took (not after one that ended them all) */
  onStep?(step: number, losses: ArrayLike<number>): void;
}

/** Let signals and timers through about this often; the loop itself is synchronous work. */
const YIELD_MS = 50;

/**
 * Trains every member from `from` to the configured number of steps; each stops on its own
 * (early stop, divergence) while the others go on.
 */
export async function trainMembers(members: readonly Member[], control: MembersControl): Promise<TrainResult[]> {
  const { training } = members[0].config;
  const evaluations = training.evalEvery ? everySteps(training.steps, training.evalEvery) : evalSteps(training.steps, training.evalsPerDecade);
  const schedule = new Set(evaluations);
  const snapshots = new Set(snapshotSchedule(evaluations, training.snapshots ?? DEFAULT_SNAPSHOTS));
  const weights = members.map(({ model }): ShapedParams => ({ params: model.arrays, shapes: model.shapes }));
  const evals = members.map((m) => [...m.history]);
  const done: (DoneEvent | null)[] = members.map(() => null);
  const active = members.map(() => true);
  const now = performance.now();
  const started = members.map((m) => now - (m.history.at(-1)?.wall_s ?? 0) * 1000);
  let lastYield = now;

  const emitEval = (e: number, step: number) => {
    const event: EvalEvent = { event: 'eval', step, wall_s: (performance.now() - started[e]) / 1000, metrics: members[e].model.evaluate() };
    evals[e].push(event);
    members[e].hooks.onEvent(event);
  };
  const checkpoint = (e: number, step: number) => {
    const { model, hooks } = members[e];
    const path = hooks.saveCheckpoint({ step, params: model.arrays, optimizer: model.state });
    hooks.onEvent({ event: 'checkpoint', step, path });
  };
  const finish = (e: number, step: number, status: DoneEvent['status'], reason?: string) => {
    if (status !== 'interrupted') members[e].hooks.saveFinalWeights?.(step, weights[e], status);
    done[e] = { event: 'done', step, status, ...(reason ? { reason } : {}) };
    active[e] = false;
    members[e].hooks.onEvent(done[e]!);
  };
  const each = (action: (e: number) => void) => {
    for (let e = 0; e < members.length; e++) if (active[e]) action(e);
  };

  // The per-member actions of a step, made once: the loop allocates nothing per step.
  let step = control.from;
  let losses: ArrayLike<number> = [];
  const snapshot = (e: number) => members[e].hooks.saveSnapshot?.(step, weights[e]);
  const evaluate = (e: number) => {
    if (evals[e].at(-1)?.step === step) return;
    emitEval(e, step);
    const rule = members[e].config.training.earlyStop;
    if (heldThreshold(evals[e], rule)) finish(e, step, 'stopped_early', `${rule!.metric} ≥ ${rule!.threshold} for ${rule!.evals} evaluations`);
  };
  const checkpointNow = (e: number) => checkpoint(e, step);
  const checkFinite = (e: number) => {
    if (Number.isFinite(losses[e])) return;
    emitEval(e, step);
    finish(e, step, 'diverged', `training loss became ${losses[e]} at step ${step + 1}`);
  };
  const interrupt = (e: number) => {
    checkpoint(e, step + 1);
    finish(e, step + 1, 'interrupted', `stopped at step ${step + 1} on request`);
  };

  for (; step < training.steps; step++) {
    // A resumed run rewrites the snapshot at its checkpoint's step: the same values.
    if (snapshots.has(step)) each(snapshot);
    if (schedule.has(step)) each(evaluate);
    if (!active.includes(true)) break;
    if (step > control.from && step % training.checkpointEvery === 0) each(checkpointNow);

    losses = control.step(step, active);
    each(checkFinite);
    if (!active.includes(true)) break;
    control.onStep?.(step + 1, losses);

    if (performance.now() - lastYield > YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      if (control.stopRequested()) {
        each(interrupt);
        break;
      }
    }
  }
  each((e) => {
    if (snapshots.has(step)) snapshot(e);
    if (evals[e].at(-1)?.step !== step) emitEval(e, step);
    finish(e, step, 'completed');
  });
  return members.map((_, e) => ({ done: done[e]!, evals: evals[e] }));
}

/**
 * Trains one run from run.step to the configured number of steps. `history` holds the
 * evaluations already logged before a resume.
 */
export async function train(run: RunSetup, hooks: TrainHooks, history: EvalEvent[] = []): Promise<TrainResult> {
  const loss = [0];
  const [result] = await trainMembers([{ config: run.config, model: run.experiment, hooks, history }], {
    from: run.step,
    step: (step) => {
      loss[0] = run.experiment.step(step);
      return loss;
    },
    stopRequested: () => hooks.stopRequested(),
    onStep: (step, losses) => hooks.onEvent({ event: 'step', step, loss: losses[0] }),
  });
  return result;
}

function heldThreshold(evals: EvalEvent[], rule: RunSetup['config']['training']['earlyStop']): boolean {
  if (!rule || evals.length < rule.evals) return false;
  return evals.slice(-rule.evals).every((e) => (e.metrics[rule.metric] ?? -Infinity) >= rule.threshold);
}
