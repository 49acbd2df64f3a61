// The work units of a local sweep. New runs that differ only in seed, init scale and optimizer
// hyper-parameters train as one ensemble (train/ensemble.ts): estimation runs as one batched
// computation, network runs in one process on one dataset. Any other run, and any run already
// started (it resumes alone), is a unit of its own.
//
// Groups are split only as far as the workers need: into as many units as the next multiple of
// `workers`, so that, for groups of one size, every worker trains as many runs. Splitting
// further would repeat each step's fixed cost (the per-op dispatch, which all members of an
// ensemble share) in every part: on small networks two ensembles of two cost about twice one
// ensemble of four.
import { trainsTogetherKey } from '../train/ensemble.js';
import type { SweepDir } from './directory.js';
import { readRunConfig } from './job.js';

/** What one worker trains at a time: runs, and the steps of the longest (the unit's length, for its progress). */
export interface WorkUnit {
  ids: string[];
  steps: number;
}

/** The runs of `ids` in units, largest first (so that the last units to start are the shortest). */
export function workUnits(dir: SweepDir, ids: readonly string[], workers: number): WorkUnit[] {
  const units: string[][] = [];
  const groups = new Map<string, string[]>();
  const steps = new Map<string, number>();
  for (const id of ids) {
    const config = readRunConfig(dir.configPath(id));
    steps.set(id, config.training.steps);
    const key = dir.state(id) === 'new' ? trainsTogetherKey(config) : null;
    if (!key) {
      units.push([id]);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(id);
    else {
      const fresh = [id];
      groups.set(key, fresh);
      units.push(fresh);
    }
  }
  return balanceUnits(units, workers).map((unit) => ({ ids: unit, steps: Math.max(...unit.map((id) => steps.get(id)!)) }));
}

/**
 * Splits groups of runs into as many units as the next multiple of `workers` (or as far as
 * they go), the widest first; returns the units largest first.
 */
export function balanceUnits<T>(groups: readonly T[][], workers: number): T[][] {
  const slots = Math.max(1, workers);
  const wanted = slots * Math.ceil(groups.length / slots);
  const parts = groups.map(() => 1);
  for (let count = groups.length; count < wanted; count++) {
    // One more part for the group whose parts are largest, among those that can still split.
    let widest = -1;
    groups.forEach((group, i) => {
      if (group.length > parts[i] && (widest < 0 || group.length / parts[i] > groups[widest].length / parts[widest])) widest = i;
    });
    if (widest < 0) break;
    parts[widest]++;
  }
  return groups
    .flatMap((group, i) =>
      Array.from({ length: parts[i] }, (_, k) => group.slice(Math.floor((k * group.length) / parts[i]), Math.floor(((k + 1) * group.length) / parts[i]))),
    )
    .sort((a, b) => b.length - a.length);
}
