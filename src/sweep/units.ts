// The work units of a local sweep. Estimation runs (sparse recovery, matrix completion) that
// differ only in seed, ζ and optimizer hyper-parameters train as one ensemble — one batched
// computation, many times faster than run by run — split into at most `workers` ensembles so
// that every core has one. Any other run, and any run already started (it resumes alone), is a
// unit of its own.
import { ensembleKey, isEstimationTask } from '../train/experiments/estimation.js';
import type { SweepDir } from './directory.js';
import { readRunConfig } from './job.js';

export function workUnits(dir: SweepDir, ids: readonly string[], workers: number): string[][] {
  const units: string[][] = [];
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const config = dir.state(id) === 'new' ? readRunConfig(dir.configPath(id)) : null;
    if (!config || !isEstimationTask(config)) {
      units.push([id]);
      continue;
    }
    const key = ensembleKey(config);
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
