// Many runs trained together: estimation runs as one computation (EstimationEnsemble), network
// runs in one process on one dataset (network-ensemble.ts). Each member logs to a run directory
// of its own: the same metrics.jsonl, checkpoints, weights and summary.json as a run trained
// alone, so `groklab runs ls`, `plot` and `resume` treat members like any run (a member resumes
// alone). They go through the same training loop as a single run (loop.ts), each with its own
// early stop and divergence.
import type { RunConfig } from '../config/schema.js';
import type { RunEvent } from '../runs/events.js';
import { rmSync } from 'node:fs';
import { RunDir } from '../runs/store.js';
import { EstimationEnsemble, ensembleKey, isEstimationTask } from './experiments/estimation.js';
import { trainMembers, type Member } from './loop.js';
import { isNetworkTask, networkEnsemble, networkEnsembleKey, type TrainedTogether } from './network-ensemble.js';
import type { Summary } from '../runs/summary.js';
import { checkMetricNames } from './metric-names.js';
import { finishRun, newMeta } from './run.js';
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

/** Which runs may train together: equal keys do; null for a run that trains alone. */
export function trainsTogetherKey(config: RunConfig): string | null {
  if (isEstimationTask(config)) return `estimation ${ensembleKey(config)}`;
  if (isNetworkTask(config)) return `network ${networkEnsembleKey(config)}`;
  return null;
}

/** The members' computation: estimation runs batched, network runs in one process. */
function together(configs: readonly RunConfig[]): TrainedTogether {
  if (configs.every(isEstimationTask)) {
    const ensemble = new EstimationEnsemble(configs);
    return { members: ensemble.members, step: (_, active) => ensemble.step(active) };
  }
  if (configs.some(isEstimationTask)) throw new Error('an ensemble trains estimation runs or network runs, not both');
  return networkEnsemble(configs);
}

export async function runEnsemble(specs: readonly EnsembleMemberSpec[], opts: EnsembleOptions = {}): Promise<Summary[]> {
  const ensemble = together(specs.map((s) => s.config));
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
    return await trainEnsemble(specs, ensemble, dirs, opts);
  } finally {
    for (const dir of dirs) dir.release();
  }
}

/** The ensemble through the training loop, each member logging to its own run directory. */
async function trainEnsemble(specs: readonly EnsembleMemberSpec[], ensemble: TrainedTogether, dirs: RunDir[], opts: EnsembleOptions): Promise<Summary[]> {
  const { steps } = specs[0].config.training;
  const started = performance.now();
  const members: Member[] = specs.map((s, e) => ({
    config: s.config,
    model: ensemble.members[e],
    history: [],
    hooks: {
      onEvent: (event) => {
        dirs[e].appendEvent(event);
        opts.onEvent?.(e, event);
      },
      saveCheckpoint: (snapshot) => dirs[e].saveCheckpoint(snapshot),
      saveSnapshot: (step, weights) => dirs[e].saveSnapshot(step, weights),
      saveFinalWeights: (step, weights, status) => dirs[e].saveFinalWeights(step, weights, status),
    },
  }));
  const results = await trainMembers(members, {
    from: 0,
    step: (step, active) => ensemble.step(step, active),
    stopRequested: () => opts.stopRequested?.() ?? false,
    onStep: (step) => opts.onStep?.(step, steps),
  });
  const seconds = (performance.now() - started) / 1000;
  return specs.map((s, e) => finishRun(dirs[e], s.config, results[e], seconds, results[e].done.step / Math.max(seconds, 1e-9), ensemble.members[e].baselines));
}
