import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { RunMeta } from './meta.js';
import { RunDir } from './store.js';
import { readSummary, type Summary } from './summary.js';

const meta: RunMeta = {
  groklab: '0.1.0',
  seed: 0,
  backend: 'js',
  backendReason: 'test',
  dtype: 'float32',
  node: 'v20',
  preset: null,
  started: '2026-01-01T00:00:00.000Z',
  ended: null,
  status: 'running',
  pid: 1,
  trainSeconds: 0,
  peakRssMiB: null,
};

const summary: Summary = {
  status: 'diverged',
  steps: 40,
  t_mem: 10,
  t_gen: null,
  delay: null,
  ratio: null,
  outcome: 'memorize',
  reading: 'threshold',
  final: { train_acc: 1, train_loss: Number.NaN },
  wall_s: 0.5,
  steps_per_s: 80,
  reason: 'loss is NaN at step 40',
};

function newRun(): RunDir {
  const path = join(mkdtempSync(join(tmpdir(), 'groklab-store-')), 'run');
  return RunDir.create(path, resolveConfig({}).config, meta);
}

describe('the run store reader', () => {
  it('reads back the config, meta and summary it wrote, typed', () => {
    const run = newRun();
    expect(run.readConfig()).toEqual(resolveConfig({}).config);
    expect(run.readMeta()).toEqual(meta);
    expect(run.readSummary()).toBeNull();
    run.writeSummary(summary);
    // JSON has no NaN: a diverged metric comes back as null, and the type says so.
    expect(run.readSummary()).toEqual({ ...summary, final: { train_acc: 1, train_loss: null } });
    expect(readSummary(run.path)?.outcome).toBe('memorize');
  });

  it('names the file and the field of a damaged summary or meta', () => {
    const run = newRun();
    writeFileSync(join(run.path, 'summary.json'), JSON.stringify({ ...summary, outcome: 'grokked' }));
    expect(() => run.readSummary()).toThrow(/summary\.json: .*outcome/);
    const damaged = { ...JSON.parse(readFileSync(join(run.path, 'meta.json'), 'utf8')), status: 'paused' };
    writeFileSync(join(run.path, 'meta.json'), JSON.stringify(damaged));
    expect(() => run.readMeta()).toThrow(/meta\.json: .*status/);
  });

  it('rejects a config that no longer validates as a usage error naming the field', () => {
    const run = newRun();
    const config = JSON.parse(readFileSync(join(run.path, 'config.json'), 'utf8'));
    writeFileSync(join(run.path, 'config.json'), JSON.stringify({ ...config, training: { ...config.training, steps: -1 } }));
    expect(() => run.readConfig()).toThrow(UsageError);
    expect(() => run.readConfig()).toThrow(/training\.steps/);
  });
});
