// The work units of a local sweep. New runs that differ only in seed, init scale and optimizer
// hyper-parameters train as one ensemble (train/ensemble.ts): estimation runs as one batched
// computation, network runs in one process on one dataset. Each group is split into at most
// `workers` ensembles so that every core has one. Any other run, and any run already started (it
// resumes alone), is a unit of its own.
import { trainsTogetherKey } from '../train/ensemble.js';
import type { SweepDir } from './directory.js';
import { readRunConfig } from './job.js';

export function workUnits(dir: SweepDir, ids: readonly string[], workers: number): string[][] {
  const units: string[][] = [];
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const config = dir.state(id) === 'new' ? readRunConfig(dir.configPath(id)) : null;
    const key = config && trainsTogetherKey(config);
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
  return units.flatMap((unit) => {
    const parts = Math.min(Math.max(1, workers), unit.length);
    return Array.from({ length: parts }, (_, k) => unit.slice(Math.floor((k * unit.length) / parts), Math.floor(((k + 1) * unit.length) / parts)));
  });
}
