import { describe, expect, it } from 'vitest';
import { parityData, parityTaskSchema, type ParityTask } from './parity.js';

const task: ParityTask = { name: 'parity', bits: 30, k: 3, trainCount: 1000, testCount: 200, dataSeed: 0 };

describe('parity task', () => {
  it('{0, 1} features; the label is the parity of the first k bits; both classes about equally often', () => {
    const data = parityData(task, 0);
    expect([data.train.count, data.test.count, data.outputs]).toEqual([1000, 200, 2]);
    expect(data.input).toEqual({ kind: 'features', features: 30 });
    const f = data.train.features!;
    let odd = 0;
    for (let i = 0; i < 1000; i++) {
      for (let b = 0; b < 30; b++) expect(f[i * 30 + b] === 0 || f[i * 30 + b] === 1).toBe(true);
      expect(data.train.labels![i]).toBe((f[i * 30] + f[i * 30 + 1] + f[i * 30 + 2]) % 2);
      odd += data.train.labels![i];
    }
    expect(Math.abs(odd - 500)).toBeLessThan(80);
    expect(parityData(task, 0).test.features).toEqual(data.test.features);
  });

  it('needs k ≤ bits', () => {
    expect(parityTaskSchema.safeParse({ ...task, k: 31 }).error?.issues[0].path).toEqual(['k']);
  });
});
