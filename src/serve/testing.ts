// Stores for the dashboard's tests: real runs (trained in this process, small and quick) and
// directories written by hand where a test needs an exact shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deepMerge, type Json } from '../config/merge.js';
import { DEFAULTS } from '../config/defaults.js';
import { validateConfig } from '../config/validate.js';
import { PRESETS } from '../papers/presets.js';
import { writeJsonAtomic } from '../runs/files.js';
import { RunDir } from '../runs/store.js';
import { SweepDir } from '../sweep/directory.js';
import { expandSweep } from '../sweep/expand.js';
import { parseSweepSpec } from '../sweep/spec.js';
import { newMeta, startRun } from '../train/run.js';

/** A small modular-addition MLP that groks in about 900 steps at weight decay 1 and train fraction 0.7. */
export const SMALL_CONFIG = {
  task: { p: 23 },
  model: { embedDim: 16, hidden: [64] },
  optimizer: { lr: 0.01 },
  training: { steps: 1200, checkpointEvery: 1000, earlyStop: null },
};

/** A 2 × 2 sweep (weight decay × train fraction, one seed) trained in this process. */
export async function trainSmallSweep(path: string): Promise<SweepDir> {
  const spec = parseSweepSpec({
    name: 'wd-by-fraction',
    preset: 'mod97-mlp-adamw',
    config: SMALL_CONFIG,
    method: 'grid',
    seeds: 1,
    parameters: { 'optimizer.weightDecay': { values: [0, 1] }, 'task.trainFraction': { values: [0.3, 0.7] } },
  });
  const runs = expandSweep(spec, PRESETS);
  const dir = SweepDir.prepare(path, spec, runs);
  for (const run of runs) await startRun(validateConfig(run.config), dir.runPath(run.id), null);
  return dir;
}

/** A run directory with `evals` evaluations at log-spaced steps and made-up curves (no training). */
export function writeFakeRun(path: string, evals: number, opts: { finished?: boolean } = {}): RunDir {
  const config = validateConfig(deepMerge(DEFAULTS as unknown as Json, SMALL_CONFIG));
  const dir = RunDir.create(path, config, { ...newMeta(config, null), status: opts.finished === false ? 'running' : 'completed' });
  const lines: string[] = [];
  for (let i = 0; i < evals; i++) {
    const step = i === 0 ? 0 : Math.round(Math.exp((Math.log(1e6) * i) / (evals - 1)));
    const t = i / evals;
    const metrics = {
      train_loss: 3 * (1 - t) + 1e-3,
      train_acc: Math.min(1, t * 3),
      test_loss: 3 - 2 * t,
      test_acc: t,
      weight_l2: 20 + 10 * Math.sin(i / 1000),
    };
    lines.push(JSON.stringify({ event: 'eval', step, wall_s: i * 1e-3, metrics }));
  }
  writeFileSync(join(path, 'metrics.jsonl'), lines.length ? `${lines.join('\n')}\n` : '');
  if (opts.finished !== false) {
    dir.writeSummary({
      status: 'completed',
      steps: 1e6,
      t_mem: 1000,
      t_gen: 300000,
      delay: 299000,
      ratio: 300,
      outcome: 'grok',
      reading: 'threshold',
      final: { train_acc: 1, test_acc: 1 },
      wall_s: 12,
      steps_per_s: 1e5,
    });
  }
  return dir;
}

/** A reproduction directory with one comparison and one figure. */
export function writeFakeReport(path: string, runs: string[] = []): void {
  mkdirSync(path, { recursive: true });
  // The smallest valid PNG: one transparent pixel.
  writeFileSync(
    join(path, 'figure.png'),
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
  );
  writeJsonAtomic(join(path, 'report.json'), {
    name: 'fake-figure',
    title: 'A made-up figure',
    source: 'nobody 2026, Fig. 0',
    quick: true,
    status: 'reproduced',
    command: 'groklab reproduce fake-figure --quick',
    started: '2026-01-01T00:00:00.000Z',
    wall_s: 1.5,
    backend: 'js',
    comparisons: [{ quantity: 't_gen', paper: '≈ 1e3', measured: 1200, tolerance: "the paper's range 500–2000", verdict: 'reproduced' }],
    plots: ['figure.png'],
    runs,
    notes: ['a note'],
  });
}
