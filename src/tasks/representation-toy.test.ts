import { describe, expect, it } from 'vitest';
import { taskConfigSchema } from './registry.js';
import { representationToyData, representationToyTaskSchema, toyEmbeddings, toyPairs } from './representation-toy.js';

const task = (over: object = {}) => representationToyTaskSchema.parse({ name: 'representation-toy', ...over });

describe('representation-toy task', () => {
  it("defaults to the notebook's sizes: p = 10, 45 of the 55 unordered pairs to train, 2-D inputs, 30-d targets", () => {
    const data = representationToyData(task());
    expect(data.train.count).toBe(45);
    expect(data.test.count).toBe(10);
    expect(data.train.features).toHaveLength(90);
    expect(data.test.targets).toHaveLength(300);
    expect(data.input).toEqual({ kind: 'features', features: 2 });
    expect(data.objective).toEqual({ name: 'mse', accuracyThreshold: 0.5, zeroBaseline: false });
  });

  it('m = 0 is the line: x = −1 + 2n/(p−1), |y| ≤ lineNoise; m = 1 is U[−1, 1]²', () => {
    const line = toyEmbeddings(task());
    for (let n = 0; n < 10; n++) {
      expect(line[2 * n]).toBeCloseTo(-1 + (2 * n) / 9, 12);
      expect(Math.abs(line[2 * n + 1])).toBeLessThanOrEqual(0.3);
    }
    const random = toyEmbeddings(task({ messiness: 1 }));
    expect(Math.max(...Array.from(random, Math.abs))).toBeLessThanOrEqual(1);
    // not the line: the x-coordinates are no longer in order
    const xs = Array.from({ length: 10 }, (_, n) => random[2 * n]);
    expect(xs).not.toEqual([...xs].sort((a, b) => a - b));
  });

  it('moves the same points as m changes: E(m) = m·E(1) + (1−m)·E(0)', () => {
    const [line, random, mixed] = [0, 1, 0.15].map((messiness) => toyEmbeddings(task({ messiness })));
    mixed.forEach((v, i) => expect(v).toBeCloseTo(0.15 * random[i] + 0.85 * line[i], 12));
  });

  it('feeds E[a] + E[b] and the template of (a + b) mod p; pairs with the same residue share their target', () => {
    const t = task({ messiness: 0.1 });
    const data = representationToyData(t);
    const e = toyEmbeddings(t);
    const pairs = toyPairs(10);
    // find each training row's pair by its features (all 55 sums are distinct at m = 0.1)
    const residueTarget = new Map<number, string>();
    for (let i = 0; i < data.train.count; i++) {
      const [x, y] = [data.train.features![2 * i], data.train.features![2 * i + 1]];
      const matches = pairs.filter(([a, b]) => Math.abs(e[2 * a] + e[2 * b] - x) < 1e-12 && Math.abs(e[2 * a + 1] + e[2 * b + 1] - y) < 1e-12);
      expect(matches).toHaveLength(1);
      const residue = (matches[0][0] + matches[0][1]) % 10;
      const target = Array.from(data.train.targets!.subarray(30 * i, 30 * i + 30)).join();
      if (residueTarget.has(residue)) expect(target).toBe(residueTarget.get(residue));
      residueTarget.set(residue, target);
    }
    expect(new Set(residueTarget.values()).size).toBe(residueTarget.size);
  });

  it('is deterministic in dataSeed; the split holds every pair once', () => {
    const a = representationToyData(task());
    expect(representationToyData(task()).train.features).toEqual(a.train.features);
    expect(representationToyData(task({ dataSeed: 1 })).train.features).not.toEqual(a.train.features);
    const rows = [...Array.from(a.train.features!), ...Array.from(a.test.features!)];
    const keys = new Set(Array.from({ length: 55 }, (_, i) => `${rows[2 * i]},${rows[2 * i + 1]}`));
    expect(keys.size).toBe(55);
  });

  it('heldOut "seenSums" redraws the split until every held-out sum a + b occurs in training; "any" keeps the first draw', () => {
    const sums = (t: ReturnType<typeof task>) => {
      // at m = 0 the x-coordinate of E[a] + E[b] is −2 + 2(a + b)/9
      const sum = (x: number) => Math.round(((x + 2) * 9) / 2);
      const data = representationToyData(t);
      const of = (f: Float64Array, count: number) => Array.from({ length: count }, (_, i) => sum(f[2 * i]));
      return { train: new Set(of(data.train.features!, 45)), test: of(data.test.features!, 10) };
    };
    const unseen = (t: ReturnType<typeof task>) => {
      const { train, test } = sums(t);
      return test.filter((s) => !train.has(s)).length;
    };
    // draws 0 … 2 of a uniform split leave some held-out sums unseen
    const uniformUnseen = [0, 1, 2].map((dataSeed) => unseen(task({ dataSeed })));
    expect(uniformUnseen.some((n) => n > 0)).toBe(true);
    for (const dataSeed of [0, 1, 2]) expect(unseen(task({ dataSeed, heldOut: 'seenSums' }))).toBe(0);
    expect(() => representationToyData(task({ trainSize: 12, heldOut: 'seenSums' }))).toThrow(/heldOut[\s\S]*trainSize/);
  });

  it('rejects a split that leaves nothing to test, a messiness outside [0, 1] and unknown fields, naming them', () => {
    expect(() => task({ trainSize: 55 })).toThrow(/trainSize[\s\S]*55 unordered pairs/);
    expect(() => task({ messiness: 1.5 })).toThrow(/messiness/);
    expect(() => task({ noise: 0.3 })).toThrow(/noise/);
    expect(taskConfigSchema.parse({ name: 'representation-toy' }).name).toBe('representation-toy');
  });
});
