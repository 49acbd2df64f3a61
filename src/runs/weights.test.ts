import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { RunMeta } from './meta.js';
import { RunDir } from './store.js';
import { configHash, hasFinalWeights, readWeights, snapshotSteps } from './weights.js';

const META: RunMeta = {
  groklab: '0',
  seed: 0,
  backend: 'js',
  backendReason: '',
  dtype: 'float32',
  node: '',
  preset: null,
  started: '',
  ended: null,
  status: 'running',
  pid: 0,
  trainSeconds: 0,
  peakRssMiB: null,
};
const shapes = { w: [2, 2], b: [2] };
const params = (v: number) => ({ w: new Float32Array(4).fill(v), b: new Float32Array(2).fill(-v) });
const config = resolveConfig({}).config;
const newRun = () => RunDir.create(join(mkdtempSync(join(tmpdir(), 'groklab-weights-')), 'run'), config, META);

describe('run weights', () => {
  it('snapshots by step, with shapes, dtype and string metadata (the step and the config hash)', () => {
    const dir = newRun();
    dir.saveSnapshot(10, { params: params(1), shapes });
    dir.saveSnapshot(2, { params: params(0.5), shapes });
    expect(snapshotSteps(dir.path)).toEqual([2, 10]);
    const w = readWeights(dir.path, 10);
    expect(w.step).toBe(10);
    expect(w.tensors.w).toEqual({ dtype: 'F32', shape: [2, 2], data: Float32Array.from([1, 1, 1, 1]) });
    expect(w.metadata).toMatchObject({ step: '10', kind: 'snapshot', config_sha256: configHash(config) });
    expect(hasFinalWeights(dir.path)).toBe(false);
  });

  it('the config hash ignores key order and sees every value', () => {
    expect(configHash({ a: 1, b: { c: 2, d: 3 }, e: [1, { y: 2, x: 3 }] })).toBe(configHash({ e: [1, { x: 3, y: 2 }], b: { d: 3, c: 2 }, a: 1 }));
    expect(configHash({ a: 1, b: { c: 2, d: 3 } })).not.toBe(configHash({ a: 1, b: { c: 2, d: 4 } }));
  });

  it('final weights of a diverged run: the newest finite ones stored, snapshot or checkpoint', () => {
    const dir = newRun();
    dir.saveSnapshot(100, { params: params(1), shapes });
    dir.saveCheckpoint({ step: 150, params: params(2), optimizer: {} });
    dir.saveSnapshot(200, { params: { ...params(3), b: Float32Array.from([1, Infinity]) }, shapes });
    dir.saveFinalWeights(230, { params: { ...params(4), w: Float32Array.from([NaN, 0, 0, 0]) }, shapes }, 'diverged');
    const final = readWeights(dir.path, 'final');
    expect(final.step).toBe(150);
    expect(final.metadata).toMatchObject({ step: '150', kind: 'final', status: 'diverged' });
    expect(Array.from(final.tensors.w.data)).toEqual([2, 2, 2, 2]);
    // Finite parameters at the end are the final weights, whatever the status.
    dir.saveFinalWeights(230, { params: params(4), shapes }, 'diverged');
    expect(readWeights(dir.path, 'final').step).toBe(230);
  });

  it('a diverged run with nothing finite stored leaves no final weights', () => {
    const dir = newRun();
    dir.saveFinalWeights(3, { params: { ...params(1), b: Float32Array.from([NaN, 0]) }, shapes }, 'diverged');
    expect(hasFinalWeights(dir.path)).toBe(false);
  });

  it('deleting the resume checkpoints leaves the weights; a missing step is a usage error naming what exists', () => {
    const dir = newRun();
    dir.saveCheckpoint({ step: 5, params: params(1), optimizer: {} });
    dir.saveSnapshot(5, { params: params(1), shapes });
    dir.saveFinalWeights(9, { params: params(2), shapes }, 'completed');
    rmSync(join(dir.path, 'checkpoints'), { recursive: true });
    expect(readWeights(dir.path, 5).step).toBe(5);
    expect(readWeights(dir.path, 'final').step).toBe(9);
    expect(() => readWeights(dir.path, 7)).toThrow(UsageError);
    expect(() => readWeights(dir.path, 7)).toThrow(/--step: run .* has no snapshot at step 7; it has snapshots at steps 5 and final weights/);
  });
});
