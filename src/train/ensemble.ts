// Many estimation runs trained as one computation (EstimationEnsemble), each member logging to
// a run directory of its own: the same metrics.jsonl, checkpoints, weights and summary.json as a run
// trained alone, so `groklab runs ls`, `plot` and `resume` treat members like any run. The loop
// mirrors train(): the same log-spaced evaluations, per-member early stop and divergence.
import type { RunConfig } from '../config/schema.js';
import type { DoneEvent, EvalEvent, RunEvent } from '../runs/events.js';
import { rmSync } from 'node:fs';
import { RunDir } from '../runs/store.js';
import { EstimationEnsemble } from './experiments/estimation.js';
import { heldThreshold, type TrainResult } from './loop.js';
import type { Summary } from '../runs/summary.js';
import { checkMetricNames } from './metric-names.js';
import { finishRun, newMeta } from './run.js';
import { DEFAULT_SNAPSHOTS, evalSteps, snapshotSchedule } from './schedule.js';
import { checkDetection } from './setup.js';

export interface EnsembleMemberSpec {
  config: RunConfig;
  /** the member's run directory (must not hold another run) */
  out: string;
  preset?: string | null;
}

export interface EnsembleOptions {
  /** ensemble-wide progress: the step (of the longest member) and the total */
  onStep?: (step: number, total: number) => void;
  /** each member's events, e.g. for a dashboard */
  onEvent?: (member: number, event: RunEvent) => void;
  /** polled between steps: true checkpoints every member and stops (Ctrl-C) */
  stopRequested?: () => boolean;
}

const YIELD_MS = 50;

export async function runEnsemble(specs: readonly EnsembleMemberSpec[], opts: EnsembleOptions = {}): Promise<Summary[]> {
  const ensemble = new EstimationEnsemble(specs.map((s) => s.config));
  specs.forEach((s, e) => checkMetricNames(s.config, Object.keys(ensemble.members[e].evaluate())));
  specs.forEach((s, e) => checkDetection(s.config, ensemble.members[e].baselines));
  for (const s of specs) RunDir.checkFree(s.out);
  const dirs: RunDir[] = [];
  try {
    for (const s of specs) dirs.push(RunDir.create(s.out, s.config, newMeta(s.config, s.preset ?? null), 'ensemble'));
  } catch (error) {
    // All members or none: the directories claimed so far held nothing before.
    for (const dir of dirs) {
      dir.release();
      rmSync(dir.path, { recursive: true, force: true });
    }
    throw error;
  }
  try {
    return await trainMembers(specs, ensemble, dirs, opts);
  } finally {
    for (const dir of dirs) dir.release();
  }
}

async function trainMembers(specs: readonly EnsembleMemberSpec[], ensemble: EstimationEnsemble, dirs: RunDir[], opts: EnsembleOptions): Promise<Summary[]> {
  const { training } = specs[0].config;
  const E = specs.length;
  const evaluations = evalSteps(training.steps, training.evalsPerDecade);
  const schedule = new Set(evaluations);
  const snapshots = new Set(snapshotSchedule(evaluations, training.snapshots ?? DEFAULT_SNAPSHOTS));
  const weights = (e: number) => ({ params: ensemble.members[e].arrays, shapes: ensemble.members[e].shapes });
  const evals: EvalEvent[][] = specs.map(() => []);
  const done: (DoneEvent | null)[] = specs.map(() => null);
  const active = specs.map(() => true);
  const started = performance.now();
  let lastYield = started;

  const emit = (e: number, event: RunEvent) => {
    if (event.event !== 'step') dirs[e].appendEvent(event);
    opts.onEvent?.(e, event);
  };
  const finish = (e: number, step: number, status: DoneEvent['status'], reason?: string) => {
    if (status !== 'interrupted') dirs[e].saveFinalWeights(step, weights(e), status);
    done[e] = { event: 'done', step, status, ...(reason ? { reason } : {}) };
    active[e] = false;
    emit(e, done[e]!);
  };
  const evaluate = (e: number, step: number) => {
    const event: EvalEvent = { event: 'eval', step, wall_s: (performance.now() - started) / 1000, metrics: ensemble.members[e].evaluate() };
    evals[e].push(event);
    emit(e, event);
  };
  const checkpoint = (e: number, step: number) => {
    const path = dirs[e].saveCheckpoint({ step, params: ensemble.members[e].arrays, optimizer: ensemble.members[e].state });
    emit(e, { event: 'checkpoint', step, path });
  };

  let step = 0;
  for (; step < training.steps && active.some(Boolean); step++) {
    if (snapshots.has(step)) for (let e = 0; e < E; e++) if (active[e]) dirs[e].saveSnapshot(step, weights(e));
    if (schedule.has(step)) {
      for (let e = 0; e < E; e++) {
        if (!active[e]) continue;
        evaluate(e, step);
        const rule = specs[e].config.training.earlyStop;
        if (heldThreshold(evals[e], rule)) finish(e, step, 'stopped_early', `${rule!.metric} ≥ ${rule!.threshold} for ${rule!.evals} evaluations`);
      }
    }
    if (step > 0 && step % training.checkpointEvery === 0) for (let e = 0; e < E; e++) if (active[e]) checkpoint(e, step);
    const losses = ensemble.step(active);
    for (let e = 0; e < E; e++) {
      if (active[e] && !Number.isFinite(losses[e])) {
        evaluate(e, step);
        finish(e, step, 'diverged', `training loss became ${losses[e]} at step ${step + 1}`);
      }
    }
    opts.onStep?.(step + 1, training.steps);
    if (performance.now() - lastYield > YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      if (opts.stopRequested?.()) {
        for (let e = 0; e < E; e++) {
          if (!active[e]) continue;
          checkpoint(e, step + 1);
          finish(e, step + 1, 'interrupted', `stopped at step ${step + 1} on request`);
        }
      }
    }
  }
  for (let e = 0; e < E; e++) {
    if (!active[e]) continue;
    if (snapshots.has(step)) dirs[e].saveSnapshot(step, weights(e));
    if (evals[e].at(-1)?.step !== step) evaluate(e, step);
    finish(e, step, 'completed');
  }
  const seconds = (performance.now() - started) / 1000;
  return specs.map((s, e) => {
    const result: TrainResult = { done: done[e]!, evals: evals[e] };
    return finishRun(dirs[e], s.config, result, seconds, done[e]!.step / Math.max(seconds, 1e-9), ensemble.members[e].baselines);
  });
}
