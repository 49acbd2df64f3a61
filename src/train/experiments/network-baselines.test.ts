// Which network runs the summary may read by their plateau: a task's learned-nothing error is
// predicting 0 only where the task says so (a teacher–student's zero-mean targets). QM9's
// polarizabilities sit far from 0, so its runs keep their configured thresholds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../config/defaults.js';
import { deepMerge, type Json } from '../../config/merge.js';
import { validateConfig } from '../../config/validate.js';
import { writeSyntheticQm9 } from '../../tasks/qm9-synthetic.js';
import { setupRun } from '../setup.js';

/** The defaults with `diff` merged in (whole task and model sections replace the defaults'). */
const config = (diff: Json) => validateConfig(deepMerge(DEFAULTS as unknown as Json, diff));

const dir = mkdtempSync(join(tmpdir(), 'groklab-baselines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network learned-nothing baselines', () => {
  it('a teacher–student run measures errors against predicting 0', () => {
    const ts = config({
      task: { name: 'teacher-student', inputs: 4, hidden: [8], outputs: 2, trainSize: 16, testSize: 32, dataSeed: 0, accuracyThreshold: 1e-3 },
      model: { name: 'mlp', input: 'embedding', embedDim: 1, hidden: [8], activation: 'relu', bias: false, initScale: 1 },
    });
    const { experiment } = setupRun(ts);
    const baselines = experiment.baselines!;
    expect(baselines.train_loss).toBeGreaterThan(0);
    expect(baselines.test_loss).toBeGreaterThan(0);
  });

  it('a QM9 run has none, so "auto" detection keeps its thresholds', () => {
    writeSyntheticQm9(join(dir, 'qm9'), { count: 16 });
    const qm9 = config({
      task: { name: 'qm9', path: join(dir, 'qm9'), molecules: 16, trainFraction: 0.5, target: 'alpha', splitSeed: 0, accuracyThreshold: 1 },
      model: { name: 'mpnn', channels: [4], edgeHidden: 4, readoutHidden: [4], aggregation: 'sum', pooling: 'sum', initScale: 1 },
      detection: { trainMetric: 'train_loss', testMetric: 'test_loss', direction: 'below', trainThreshold: 1, testThreshold: 16 },
    });
    expect(setupRun(qm9).experiment.baselines).toBeUndefined();
  });
});
