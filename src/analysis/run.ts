// A run directory as something to analyze: its network rebuilt from config.json exactly as
// training built it (task data, split, model), and its parameter snapshots.
import { join } from 'node:path';
import type { RunConfig } from '../config/schema.js';
import { writeFileAtomic } from '../runs/files.js';
import { UsageError } from '../errors.js';
import { writeEndMeasures, type EndMeasures } from '../runs/end-measures.js';
import { RunDir } from '../runs/store.js';
import { hasFinalWeights, readWeights, snapshotSteps, type Weights } from '../runs/weights.js';
import { NetworkExperiment } from '../train/experiments/network.js';
import { setupRun } from '../train/setup.js';
import { analyze, scalarSeries, toJsonl, type AnalysisLine, type SnapshotSource } from './analyze.js';
import { chooseMeasures } from './registry.js';
import type { Subject } from './subject.js';

export const ANALYSIS_FILE = 'analysis.jsonl';

/** The network a config trains, as a subject of measures; a run that trains no network is bad input. */
export function subjectOf(config: RunConfig, what: string): Subject {
  const { experiment } = setupRun(config);
  if (!(experiment instanceof NetworkExperiment))
    throw new UsageError(`${what}: model "${config.model.name}" on task "${config.task.name}" is not a network on a dataset; measures analyze networks`);
  return { task: config.task, modelName: config.model.name, model: experiment.model, data: experiment.data };
}

const paramsOf = (weights: Weights) => Object.fromEntries(Object.entries(weights.tensors).map(([name, t]) => [name, t.data as Float32Array | Float64Array]));

/**
 * The parameter snapshots a run directory holds (weights/step-N.safetensors), and its final
 * weights when they come after the last snapshot (a run that stopped early between two).
 */
export function runSnapshots(dir: RunDir): SnapshotSource {
  const steps = snapshotSteps(dir.path);
  const final = hasFinalWeights(dir.path) ? readWeights(dir.path, 'final') : null;
  if (final && !(steps.length > 0 && final.step <= steps[steps.length - 1])) steps.push(final.step);
  return { steps, load: (step) => (final && step === final.step ? paramsOf(final) : paramsOf(readWeights(dir.path, step))) };
}

export function openRunForAnalysis(path: string): { dir: RunDir; config: RunConfig; subject: Subject; snapshots: SnapshotSource } {
  const dir = RunDir.open(path);
  const config = dir.readConfig();
  const snapshots = runSnapshots(dir);
  if (snapshots.steps.length === 0)
    throw new UsageError(`RUN: ${path} has no parameter snapshots; analyze needs a run that saved some (allowed: a run directory with snapshots)`);
  return { dir, config, subject: subjectOf(config, `RUN ${path}`), snapshots };
}

/**
 * Checks `args` (as for `--measure`) against a run, then returns the job that measures its last
 * snapshot and writes the scalars (`measure.scalar` → value) to its measures.json: a sweep checks
 * every run before it writes anything.
 */
export function planRunEnd(path: string, args: readonly string[]): () => EndMeasures {
  const { subject, snapshots } = openRunForAnalysis(path);
  const choices = chooseMeasures(args, subject, `run ${path}`);
  return () => {
    const step = snapshots.steps[snapshots.steps.length - 1];
    const [line] = analyze(subject, { steps: [step], load: snapshots.load }, choices);
    const scalars = Object.fromEntries([...scalarSeries([line], choices)].map(([name, points]) => [name, points[0].value]));
    const measures = { step, scalars };
    writeEndMeasures(path, measures);
    return measures;
  };
}

export function writeAnalysis(dir: RunDir, lines: readonly AnalysisLine[]): string {
  const path = join(dir.path, ANALYSIS_FILE);
  writeFileAtomic(path, toJsonl(lines));
  return path;
}
