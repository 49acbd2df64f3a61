import { describe, expect, it } from 'vitest';
import type { TrainingConfig } from '../config/schema.js';
import { key } from '../random/index.js';
import { batchSizeFor, epochBatchRows, minibatch, stepsPerEpoch } from './epochs.js';
import { everySteps } from './schedule.js';

describe('epoch batches', () => {
  it('each epoch visits every example once, in batches of the size with a smaller last one', () => {
    const k = key(5);
    const perEpoch = stepsPerEpoch(600, 32);
    expect(perEpoch).toBe(19);
    const orders: number[][] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      const rows: number[] = [];
      for (let s = 0; s < perEpoch; s++) {
        const batch = epochBatchRows(k, epoch * perEpoch + s, 600, 32);
        expect(batch.length).toBe(s === perEpoch - 1 ? 600 - 18 * 32 : 32);
        rows.push(...batch);
      }
      expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i));
      orders.push(rows);
    }
    expect(orders[0]).not.toEqual(orders[1]);
    expect(epochBatchRows(k, 21, 600, 32)).toEqual(epochBatchRows(key(5), 21, 600, 32));
  });

  it('batch sizes: the whole set, a count, or min(max, ⌈fraction · n⌉) as Power et al. size theirs', () => {
    expect(batchSizeFor('full', 300)).toBe(300);
    expect(batchSizeFor(64, 300)).toBe(64);
    expect(batchSizeFor(512, 300)).toBe(300);
    const power = { fraction: 0.5, max: 512 };
    expect(batchSizeFor(power, 4656)).toBe(512);
    expect(batchSizeFor(power, 941)).toBe(471);
    expect(batchSizeFor(power, 1)).toBe(1);
    const train = { count: 941, labels: Int32Array.from({ length: 941 }, (_, i) => i) };
    const training = { batchSize: power } as TrainingConfig;
    expect(minibatch(train, training, key(1), 0).count).toBe(471);
    expect(minibatch(train, { ...training, batchOrder: 'epochs' }, key(1), 1).count).toBe(470);
  });

  it('everySteps: 0, every, 2·every, … and the last step', () => {
    expect(everySteps(50, 19)).toEqual([0, 19, 38, 50]);
    expect(everySteps(38, 19)).toEqual([0, 19, 38]);
  });
});
