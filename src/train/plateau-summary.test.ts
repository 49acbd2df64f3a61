// The run summary reads estimation runs by their plateau: an ℓ1 sparse-recovery run whose error
// floors above a fixed threshold (the floor ∝ αβ) is still summarized as grokking, with t_gen at
// the plateau step the reproductions read; teacher–student runs are judged against predicting 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deepMerge, type Json } from '../config/merge.js';
import { DEFAULTS } from '../config/defaults.js';

// Tikeng Notsawo et al.'s sparse recovery and ReLU teacher–student, as in their presets.
const SPARSE = {
  task: { name: 'sparse-recovery', n: 100, s: 5, N: 30, designVariance: '1/N', coherence: 0, snr: null, seed: 0 },
  model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
  training: { batchSize: 'full', dtype: 'float64', evalsPerDecade: 20, earlyStop: null },
  detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
};
const TEACHER = {
  task: {
    name: 'teacher-student',
    inputs: 100,
    hidden: [500],
    outputs: 2,
    trainSize: 100,
    testSize: 1000,
    dataSeed: 0,
    activation: 'relu',
    bias: false,
    teacherInit: 'gaussian',
    accuracyThreshold: 1e-3,
  },
  model: { name: 'mlp', input: 'embedding', embedDim: 1, hidden: [500], activation: 'relu', bias: false, weightInit: 'normalFanOut', initScale: 1 },
  training: { steps: 50_000, batchSize: 'full', evalsPerDecade: 20, checkpointEvery: 10_000, earlyStop: null },
  detection: { trainMetric: 'train_loss', testMetric: 'test_loss', direction: 'below', trainThreshold: 1e-3, testThreshold: 0.06 },
};
import { validateConfig } from '../config/validate.js';
import { plateauStep } from '../metrics/index.js';
import type { EvalEvent } from '../runs/events.js';
import { RunDir } from '../runs/store.js';
import { runEnsemble } from './ensemble.js';
import { startRun } from './run.js';
import { setupRun } from './setup.js';

const tmp = mkdtempSync(join(tmpdir(), 'groklab-plateau-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sparse = (beta: number, mode: 'auto' | 'threshold' = 'auto') =>
  validateConfig(
    deepMerge(SPARSE as unknown as Json, {
      optimizer: {
        name: 'chain',
        transforms: [
          { name: 'addL1Subgradient', beta },
          { name: 'sgd', lr: 0.1 },
        ],
      },
      training: { steps: 30_000, checkpointEvery: 30_000, seed: 0 },
      detection: { mode },
    }),
  );

describe('plateau reading in summary.json', () => {
  it("ℓ1 sparse recovery at 10× the preset's αβ: grok at the plateau step, where fixed 1e-3 thresholds saw no learning", async () => {
    const [auto, fixed] = await runEnsemble([
      { config: sparse(1e-4), out: join(tmp, 'auto') },
      { config: sparse(1e-4, 'threshold'), out: join(tmp, 'fixed') },
    ]);
    const evals = RunDir.open(join(tmp, 'auto'))
      .readEvents()
      .filter((e): e is EvalEvent => e.event === 'eval');
    const final = evals.at(-1)!.metrics.test_error;
    // falls 100× from the zero estimate's 1 and floors above 1e-3
    expect(final).toBeLessThan(1e-2);
    expect(final).toBeGreaterThan(1e-3);
    expect(auto).toMatchObject({ reading: 'plateau', outcome: 'grok', t_gen: plateauStep(evals, 'test_error') });
    expect(auto.t_mem!).toBeLessThan(100);
    expect(fixed).toMatchObject({ reading: 'threshold', outcome: 'no-learn', t_gen: null });
  }, 60_000);

  it("too large a β floors above 1 % of the zero estimate's error: not generalized", async () => {
    const [summary] = await runEnsemble([{ config: sparse(1e-3), out: join(tmp, 'large-beta') }]);
    expect(summary).toMatchObject({ reading: 'plateau', outcome: 'no-learn', t_gen: null });
  }, 60_000);

  it('teacher–student MSE is measured against predicting 0', () => {
    const config = validateConfig(
      deepMerge(TEACHER as unknown as Json, {
        task: { inputs: 10, hidden: [20], trainSize: 20, testSize: 50 },
        model: { hidden: [20] },
        optimizer: { name: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
        training: { steps: 10, seed: 0, dtype: 'float64' },
      }),
    );
    const { experiment } = setupRun(config);
    const { train_loss, test_loss } = experiment.baselines!;
    expect(train_loss).toBeGreaterThan(0);
    expect(test_loss).toBeGreaterThan(0);
  });

  it('mode "plateau" on a task without learned-nothing errors is refused before training, naming the field', async () => {
    const config = validateConfig(
      deepMerge(DEFAULTS as unknown as Json, { detection: { mode: 'plateau', direction: 'below', trainMetric: 'train_loss', testMetric: 'test_loss' } }),
    );
    await expect(startRun(config, join(tmp, 'refused'), null)).rejects.toThrow(
      /detection\.mode: "plateau" needs the learned-nothing error of train_loss and test_loss, which task modular does not define/,
    );
  });
});
