import { describe, expect, it } from 'vitest';
import { CONCEALMENT_OPERATIONS, concealmentData, concealmentTaskSchema, type ConcealmentOperation, type ConcealmentTask } from './concealment.js';

const task: ConcealmentTask = { name: 'concealment', p: 7, operation: 'add', extraBits: 10, samples: 800, trainCount: 600, dataSeed: 0 };

/** The operands a row's one-hot encodes. */
function operands(features: Float64Array, row: number, width: number, p: number): [number, number] {
  const x = features.subarray(row * width, row * width + p).indexOf(1);
  const y = features.subarray(row * width + p, row * width + 2 * p).indexOf(1);
  return [x, y];
}

describe('concealment task', () => {
  it('one-hot operands, the label of the operation, l random bits; 600 train / 200 validation', () => {
    const data = concealmentData(task, 0);
    const width = 14 + 10;
    expect(data.input).toEqual({ kind: 'features', features: width });
    expect([data.train.count, data.test.count, data.outputs]).toEqual([600, 200, 7]);
    let ones = 0;
    for (let i = 0; i < 600; i++) {
      const row = data.train.features!.subarray(i * width, (i + 1) * width);
      expect(row.subarray(0, 14).reduce((s, v) => s + v, 0)).toBe(2);
      const [x, y] = operands(data.train.features!, i, width, 7);
      expect(data.train.labels![i]).toBe((x + y) % 7);
      for (const b of row.subarray(14)) expect(b === 0 || b === 1).toBe(true);
      ones += row.subarray(14).reduce((s, v) => s + v, 0);
    }
    // 6000 fair bits: the count of ones is within 5σ (≈ 194) of 3000.
    expect(Math.abs(ones - 3000)).toBeLessThan(200);
  });

  it('the six operations mod 7, division only by y ≠ 0', () => {
    const expected: Record<ConcealmentOperation, (x: number, y: number) => number> = {
      add: (x, y) => (x + y) % 7,
      sub: (x, y) => (((x - y) % 7) + 7) % 7,
      div: (x, y) => [...Array(7).keys()].find((c) => (c * y) % 7 === x)!,
      'x2+xy+y2': (x, y) => (x * x + x * y + y * y) % 7,
      'x2+xy+y2+x': (x, y) => (x * x + x * y + y * y + x) % 7,
      xyx: (x, y) => (x * y * x) % 7,
    };
    for (const op of Object.keys(CONCEALMENT_OPERATIONS) as ConcealmentOperation[]) {
      const data = concealmentData({ ...task, operation: op, extraBits: 0, dataSeed: 3 }, 0);
      const pairs = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const [x, y] = operands(data.test.features!, i, 14, 7);
        if (op === 'div') expect(y).not.toBe(0);
        expect(data.test.labels![i], `${op}(${x}, ${y})`).toBe(expected[op](x, y));
        pairs.add(`${x},${y}`);
      }
      // 200 draws from 49 (42) pairs with replacement: duplicates, and most pairs seen.
      expect(pairs.size).toBeGreaterThan(35);
      expect(pairs.size).toBeLessThan(50);
    }
  });

  it('is a function of dataSeed', () => {
    expect(concealmentData(task, 0).train.features).toEqual(concealmentData({ ...task }, 0).train.features);
    expect(concealmentData(task, 0).train.features).not.toEqual(concealmentData({ ...task, dataSeed: 1 }, 0).train.features);
    // "run": the run's seed draws the data, as the paper seeds data and model alike.
    expect(concealmentData({ ...task, dataSeed: 'run' }, 1).train.features).toEqual(concealmentData({ ...task, dataSeed: 1 }, 0).train.features);
  });

  it('rejects a split without validation examples and division by a composite modulus', () => {
    expect(concealmentTaskSchema.safeParse({ ...task, trainCount: 800 }).error?.issues[0].path).toEqual(['trainCount']);
    expect(concealmentTaskSchema.safeParse({ ...task, operation: 'div', p: 8 }).error?.issues[0].path).toEqual(['p']);
    expect(concealmentTaskSchema.safeParse({ ...task, operation: 'mul' }).success).toBe(false);
  });
});
