import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, readCheckpoint, writeCheckpoint } from './checkpoint.js';

describe('checkpoints', () => {
  it('round-trip parameters and nested optimizer state bit-exactly', () => {
    const snapshot = {
      step: 1234,
      params: { w: Float32Array.from([1.5, -0, NaN, 3e-38]), b: new Float64Array([Math.PI, -1e300, Infinity]) },
      optimizer: { count: 7, inner: { 0: { m: Float32Array.from([0.1, 0.2, 0.3]), s0: 42.5 }, 1: {} } },
    };
    const back = decodeCheckpoint(encodeCheckpoint(snapshot));
    expect(back.step).toBe(1234);
    expect(Buffer.from(back.params.w.buffer)).toEqual(Buffer.from(snapshot.params.w.buffer));
    expect(Buffer.from(back.params.b.buffer)).toEqual(Buffer.from(snapshot.params.b.buffer));
    expect(back.params.w).toBeInstanceOf(Float32Array);
    expect(back.optimizer).toEqual(snapshot.optimizer);
  });

  it('is written atomically and rejects foreign or truncated files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groklab-ckpt-'));
    const path = join(dir, 'a.ckpt');
    writeCheckpoint(path, { step: 1, params: { w: new Float64Array(100).fill(2), b: new Float32Array(3).fill(5) }, optimizer: {} });
    // Read back through a Node Buffer, whose slices are views of a larger pool.
    const back = readCheckpoint(path);
    expect(back.params.w.length).toBe(100);
    expect(back.params.w[99]).toBe(2);
    expect(Array.from(back.params.b)).toEqual([5, 5, 5]);
    const bytes = encodeCheckpoint({ step: 1, params: { w: new Float64Array(100) }, optimizer: {} });
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 16), 'x')).toThrow(/x is truncated/);
    expect(() => decodeCheckpoint(new TextEncoder().encode('hello world, not a checkpoint'), 'y')).toThrow(/y is not a groklab checkpoint/);
  });

  it('carries a SHA-256: one flipped bit anywhere is caught before anything is restored', () => {
    const bytes = encodeCheckpoint({ step: 3, params: { w: Float32Array.from([1, 2, 3]) }, optimizer: { count: 3 } });
    for (const at of [30, bytes.length - 40, bytes.length - 1]) {
      const damaged = bytes.slice();
      damaged[at] ^= 1;
      expect(() => decodeCheckpoint(damaged, 'z'), `byte ${at}`).toThrow(CheckpointError);
    }
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 1), 'z')).toThrow(/z is truncated/);
  });
});
