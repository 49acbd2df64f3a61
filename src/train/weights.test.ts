// What a run leaves for analysis: the snapshot trajectory and the final weights, for a network
// trained alone, one that diverged, and estimation runs trained as one ensemble.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config/defaults.js';
import { validateConfig } from '../config/validate.js';
import { deepMerge, type Json } from '../config/merge.js';
import { configHash, readWeights, snapshotSteps } from '../runs/weights.js';
import { runEnsemble } from './ensemble.js';
import { startRun } from './run.js';
import { evalSteps, snapshotSchedule } from './schedule.js';

const tmp = mkdtempSync(join(tmpdir(), 'groklab-train-weights-'));
const small = (diff: Json) =>
  validateConfig(
    deepMerge(DEFAULTS as unknown as Json, deepMerge({ task: { p: 23 }, model: { embedDim: 8, hidden: [16] }, training: { earlyStop: null } }, diff)),
  );

describe('weights of a run', () => {
  it('a 2000-step run keeps 36 log-spaced snapshots and its final weights, shaped like the model', async () => {
    const config = small({ training: { steps: 2000 } });
    const { dir } = await startRun(config, join(tmp, 'net'), null);
    const steps = snapshotSteps(dir.path);
    expect(steps).toEqual(snapshotSchedule(evalSteps(2000, config.training.evalsPerDecade), 40));
    expect(steps.length).toBe(36);
    const final = readWeights(dir.path, 'final');
    expect(final.metadata).toMatchObject({ step: '2000', kind: 'final', status: 'completed', config_sha256: configHash(config) });
    expect(final.tensors.embed).toMatchObject({ dtype: 'F32', shape: [24, 8] });
    const last = readWeights(dir.path, 2000);
    for (const name of Object.keys(final.tensors)) expect(Buffer.from(last.tensors[name].data.buffer)).toEqual(Buffer.from(final.tensors[name].data.buffer));
    const init = readWeights(dir.path, 0);
    expect(Buffer.from(init.tensors.embed.data.buffer)).not.toEqual(Buffer.from(final.tensors.embed.data.buffer));
  });

  it('training.snapshots sets how many; 0 keeps the final weights only', async () => {
    const { dir } = await startRun(small({ training: { steps: 300, snapshots: 0 } }), join(tmp, 'none'), null);
    expect(snapshotSteps(dir.path)).toEqual([]);
    expect(readWeights(dir.path, 'final').step).toBe(300);
    const some = await startRun(small({ training: { steps: 300, snapshots: 5 } }), join(tmp, 'five'), null);
    expect(snapshotSteps(some.dir.path)).toEqual([0, 3, 16, 71, 300]);
  });

  it('a diverged run ends with finite final weights', async () => {
    const config = validateConfig({ ...small({ training: { steps: 200 } }), optimizer: { name: 'sgd', lr: 1e9 } });
    const { dir, summary } = await startRun(config, join(tmp, 'diverged'), null);
    expect(summary.status).toBe('diverged');
    const final = readWeights(dir.path, 'final');
    expect(final.metadata.status).toBe('diverged');
    for (const t of Object.values(final.tensors)) expect(Array.from(t.data).every(Number.isFinite)).toBe(true);
  });

  it('ensemble members each get the trajectory and final weights of a run trained alone', async () => {
    const sparse = (beta: number) =>
      validateConfig({
        task: { name: 'sparse-recovery', n: 20, s: 2, N: 8, designVariance: '1/N', coherence: 0, snr: null, seed: 0 },
        model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
        optimizer: {
          name: 'chain',
          transforms: [
            { name: 'addL1Subgradient', beta },
            { name: 'sgd', lr: 0.1 },
          ],
        },
        training: { steps: 500, batchSize: 'full', dtype: 'float64', evalsPerDecade: 10, checkpointEvery: 250, earlyStop: null, seed: 0 },
        detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
      });
    const members = [1e-4, 1e-3].map((beta) => ({ config: sparse(beta), out: join(tmp, `member-${beta}`) }));
    await runEnsemble(members);
    const alone = await startRun(sparse(1e-3), join(tmp, 'alone'), null);
    const member = members[1].out;
    expect(snapshotSteps(member)).toEqual(snapshotSteps(alone.dir.path));
    expect(snapshotSteps(member).length).toBeGreaterThan(20);
    for (const key of [...snapshotSteps(member), 'final' as const]) {
      const [a, b] = [readWeights(member, key), readWeights(alone.dir.path, key)];
      expect(a.metadata).toEqual(b.metadata);
      for (const name of Object.keys(b.tensors)) expect(Buffer.from(a.tensors[name].data.buffer)).toEqual(Buffer.from(b.tensors[name].data.buffer));
    }
  });
});
