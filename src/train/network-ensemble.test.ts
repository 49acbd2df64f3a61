// Network runs trained as members of one training must log what each logs alone: every eval
// metric and every weight file bit-identical, and a member of a crashed ensemble resumes alone
// to the same end.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config/defaults.js';
import { deepMerge, type Json, type JsonObject } from '../config/merge.js';
import type { RunConfig } from '../config/schema.js';
import { validateConfig } from '../config/validate.js';
import type { Summary } from '../runs/summary.js';
import { runEnsemble, trainsTogetherKey } from './ensemble.js';
import { NetworkMembers } from './experiments/network-members.js';
import { networkEnsemble } from './network-ensemble.js';
import { resumeRun, startRun } from './run.js';
import { setupRun } from './setup.js';

const configOf = (diff: JsonObject): RunConfig => validateConfig(deepMerge(DEFAULTS as unknown as Json, diff));

/** Small forms of the MLP presets: modular addition (embedding, cross-entropy) and a teacher–student regression (tanh, MSE). */
const modular = (diff: JsonObject = {}) =>
  configOf(
    deepMerge(
      {
        task: { p: 23 },
        model: { embedDim: 16, hidden: [32] },
        training: { steps: 120, checkpointEvery: 40, earlyStop: null, evalsPerDecade: 10 },
      },
      diff,
    ) as JsonObject,
  );
const teacherStudent = (diff: JsonObject = {}) =>
  configOf(
    deepMerge(
      {
        task: { name: 'teacher-student', inputs: 5, hidden: [16], outputs: 3, trainSize: 40, testSize: 40, dataSeed: 0, accuracyThreshold: 1e-2 },
        model: { hidden: [16, 16], activation: 'tanh', initScale: 2 },
        optimizer: { name: 'adamw', lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05 },
        training: { steps: 120, checkpointEvery: 40, earlyStop: null, evalsPerDecade: 10 },
        detection: { trainMetric: 'train_acc', testMetric: 'test_acc' },
      },
      diff,
    ) as JsonObject,
  );

/** The eval events of a run, without wall-clock times. */
function evals(dir: string): unknown[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === 'eval')
    .map(({ step, metrics }) => ({ step, metrics }));
}

/** Each weight file (snapshots and final) by name, as a hash of its bytes. */
function weightFiles(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(join(dir, 'weights'))
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, 'weights', f)))
          .digest('hex'),
      ]),
  );
}

/** Trains `configs` as one ensemble and each alone; expects every member's log and weights to match its lone run's. */
async function expectSameAsAlone(name: string, configs: RunConfig[]): Promise<Summary[]> {
  const tmp = mkdtempSync(join(tmpdir(), `groklab-net-ens-${name}-`));
  const together = configs.map((_, e) => join(tmp, `member-${e}`));
  const summaries = await runEnsemble(configs.map((config, e) => ({ config, out: together[e] })));
  for (const [e, config] of configs.entries()) {
    const alone = join(tmp, `alone-${e}`);
    const { summary } = await startRun(config, alone, null);
    expect(evals(together[e]), `member ${e}`).toEqual(evals(alone));
    expect(weightFiles(together[e]), `member ${e}`).toEqual(weightFiles(alone));
    expect(summaries[e].final).toEqual(summary.final);
    expect(summaries[e].status).toBe(summary.status);
  }
  return summaries;
}

describe('network runs trained together', () => {
  it('group by everything but seed, init scale and optimizer hyper-parameters', () => {
    const key = trainsTogetherKey(modular());
    expect(trainsTogetherKey(modular({ training: { seed: 3 }, model: { initScale: 2 }, optimizer: { lr: 1e-3, weightDecay: 0.1 } }))).toBe(key);
    expect(trainsTogetherKey(modular({ model: { hidden: [16] } }))).not.toBe(key);
    expect(trainsTogetherKey(modular({ training: { steps: 100 } }))).not.toBe(key);
    expect(key).not.toBe(trainsTogetherKey(teacherStudent()));
  });

  it('keep the seed in the key of a task whose data the seed draws', () => {
    const drawn = (seed: number) =>
      teacherStudent({ task: { name: 'parity', bits: 6, k: 2, trainCount: 40, testCount: 40, dataSeed: 'run' }, training: { seed } });
    const fixed = (seed: number) => teacherStudent({ task: { name: 'parity', bits: 6, k: 2, trainCount: 40, testCount: 40, dataSeed: 0 }, training: { seed } });
    expect(trainsTogetherKey(drawn(0))).not.toBe(trainsTogetherKey(drawn(1)));
    expect(trainsTogetherKey(fixed(0))).toBe(trainsTogetherKey(fixed(1)));
  });

  it('log bit-identical metrics and weights to each run trained alone: seeds, weight decays, learning rates, init scales', async () => {
    await expectSameAsAlone('modular', [
      modular(),
      modular({ training: { seed: 1 } }),
      modular({ training: { seed: 2 }, optimizer: { weightDecay: 0.3, lr: 1e-3 }, model: { initScale: 0.7 } }),
    ]);
  });

  it('log bit-identical metrics for minibatches and for dense inputs with MSE', async () => {
    await expectSameAsAlone('minibatch', [modular({ training: { batchSize: 64 } }), modular({ training: { batchSize: 64, seed: 5 } })]);
    await expectSameAsAlone('teacher-student', [teacherStudent(), teacherStudent({ training: { seed: 1 }, optimizer: { weightDecay: 0.5 } })]);
    // 200 × 128 × 128 multiply-adds per member: one thread alone, both threads for the members' batched GEMM.
    const wide = (seed: number) => teacherStudent({ task: { trainSize: 200 }, model: { hidden: [128, 128] }, training: { seed, steps: 30 } });
    await expectSameAsAlone('wide', [wide(0), wide(1)]);
  });

  it('the default preset at full size: members step to the bits of their runs alone', () => {
    const configs = [configOf({}), configOf({ training: { seed: 1 }, optimizer: { weightDecay: 0.5 } }), configOf({ training: { seed: 2 } })];
    const ensemble = networkEnsemble(configs);
    expect(ensemble).toBeInstanceOf(NetworkMembers);
    const alone = configs.map((c) => setupRun(c).experiment);
    const active = configs.map(() => true);
    for (let step = 0; step < 3; step++) {
      const losses = Array.from(ensemble.step(step, active));
      expect(losses).toEqual(alone.map((x) => x.step(step)));
    }
    alone.forEach((x, e) => {
      for (const [name, values] of Object.entries(x.arrays)) expect(ensemble.members[e].arrays[name], `member ${e}: ${name}`).toEqual(values);
    });
  });

  it('train MLP members as one computation over a member axis', () => {
    expect(networkEnsemble([modular(), modular({ training: { seed: 1 } })])).toBeInstanceOf(NetworkMembers);
    expect(networkEnsemble([teacherStudent(), teacherStudent({ optimizer: { lr: 1e-3 } })])).toBeInstanceOf(NetworkMembers);
    expect(networkEnsemble([modular()])).not.toBeInstanceOf(NetworkMembers);
  });

  it('stop a member early or on divergence while the others go on', async () => {
    const sgd = (lr: number, diff: JsonObject = {}) => modular(deepMerge({ optimizer: { name: 'sgd', lr } }, diff) as JsonObject);
    const stopping = sgd(0.1, { training: { seed: 2, earlyStop: { metric: 'train_acc', threshold: 0, evals: 2 } } });
    const summaries = await expectSameAsAlone('stops', [sgd(0.1), sgd(1e9, { training: { seed: 1 } }), stopping]);
    expect(summaries.map((s) => [s.status, s.steps])).toEqual([
      ['completed', 120],
      ['diverged', expect.any(Number)],
      ['stopped_early', 1],
    ]);
    // The members left go on as one smaller computation: their own minibatches, weight decays and learning rates.
    const batches = (diff: JsonObject) => modular(deepMerge({ training: { batchSize: 64 } }, diff) as JsonObject);
    const left = await expectSameAsAlone('restacked', [
      batches({}),
      batches({ training: { seed: 1, earlyStop: { metric: 'train_acc', threshold: 0, evals: 3 } }, optimizer: { weightDecay: 0.3 } }),
      batches({ training: { seed: 2 }, optimizer: { lr: 1e-3 } }),
    ]);
    expect(left.map((s) => s.steps)).toEqual([120, 2, 120]);
  });

  it('resume alone after the ensemble crashed, to the end of the same run trained alone', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'groklab-net-ens-crash-'));
    const configs = [modular(), modular({ training: { seed: 1 }, optimizer: { weightDecay: 0.3 } })];
    const dirs = configs.map((_, e) => join(tmp, `member-${e}`));
    // A crash between two members' checkpoints of step 80: the first has it, the second resumes from step 40.
    const crash = new Error('killed');
    await expect(
      runEnsemble(
        configs.map((config, e) => ({ config, out: dirs[e] })),
        {
          onEvent: (e, event) => {
            if (e === 0 && event.event === 'checkpoint' && event.step === 80) throw crash;
          },
        },
      ),
    ).rejects.toBe(crash);
    for (const [e, config] of configs.entries()) {
      await resumeRun(dirs[e], { notice: () => {} });
      const alone = join(tmp, `alone-${e}`);
      await startRun(config, alone, null);
      expect(evals(dirs[e]), `member ${e}`).toEqual(evals(alone));
      expect(weightFiles(dirs[e]), `member ${e}`).toEqual(weightFiles(alone));
    }
  });
});
