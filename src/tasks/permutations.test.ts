import { describe, expect, it } from 'vitest';
import { compositionTable, permutationsData, permutationsOf, permutationsTaskSchema } from './permutations.js';
import { taskConfigSchema } from './registry.js';

const task = (over: object = {}) => permutationsTaskSchema.parse({ name: 'permutations', degree: 5, trainFraction: 0.5, splitSeed: 0, ...over });

describe('permutation composition (S_n)', () => {
  it('lists the n! permutations in lexicographic order, the identity first', () => {
    expect(permutationsOf(3)).toEqual([
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]);
    expect(permutationsOf(5)).toHaveLength(120);
  });

  it('S5 is a group: closed, with identity 0, inverses and associativity, and not commutative', () => {
    const n = 120;
    const t = compositionTable(5);
    const op = (x: number, y: number) => t[x * n + y];
    expect(t.length).toBe(n * n);
    let commuting = 0;
    for (let x = 0; x < n; x++) {
      // closure and the Latin-square property: every row holds each element exactly once
      expect(new Set(t.subarray(x * n, (x + 1) * n)).size).toBe(n);
      expect(op(0, x)).toBe(x);
      expect(op(x, 0)).toBe(x);
      const inverses = Array.from({ length: n }, (_, y) => y).filter((y) => op(x, y) === 0);
      expect(inverses).toHaveLength(1);
      expect(op(inverses[0], x)).toBe(0);
      for (let y = 0; y < n; y++) if (op(x, y) === op(y, x)) commuting++;
    }
    for (const [x, y, z] of [
      [7, 33, 101],
      [119, 5, 64],
      [42, 42, 1],
    ]) {
      expect(op(op(x, y), z)).toBe(op(x, op(y, z)));
    }
    expect(commuting).toBeLessThan(n * n);
    // (01) then (12) sends 0 → 1 → 2: the tokens of [1,0,2,3,4] and [0,2,1,3,4] compose to [1,2,0,3,4]
    const index = (p: number[]) => permutationsOf(5).findIndex((q) => q.join() === p.join());
    expect(op(index([1, 0, 2, 3, 4]), index([0, 2, 1, 3, 4]))).toBe(index([2, 0, 1, 3, 4]));
  });

  it('splits all 14,400 pairs disjointly, deterministically per split seed', () => {
    const d = permutationsData(task());
    expect(d.train.count).toBe(7200);
    expect(d.test.count).toBe(7200);
    expect(d.input).toEqual({ kind: 'tokens', vocab: 121, sequenceLength: 3 });
    expect(d.outputs).toBe(120);
    const seen = new Set<number>();
    const table = compositionTable(5);
    let wrong = 0;
    for (const b of [d.train, d.test]) {
      for (let i = 0; i < b.count; i++) {
        const [x, y, eq] = b.tokens.subarray(3 * i, 3 * i + 3);
        if (eq !== 120 || b.labels[i] !== table[x * 120 + y]) wrong++;
        seen.add(x * 120 + y);
      }
    }
    expect(wrong).toBe(0);
    expect(seen.size).toBe(14_400);
    expect(permutationsData(task()).train.tokens).toEqual(d.train.tokens);
    expect(permutationsData(task({ splitSeed: 1 })).train.tokens).not.toEqual(d.train.tokens);
  });

  it('is a task of the registry, and bad fields are named with what is allowed', () => {
    expect(taskConfigSchema.parse({ name: 'permutations', degree: 3, trainFraction: 0.3, splitSeed: 2 })).toMatchObject({ degree: 3 });
    const issue = (over: object) =>
      permutationsTaskSchema.safeParse({ name: 'permutations', degree: 5, trainFraction: 0.5, splitSeed: 0, ...over }).error!.issues[0];
    expect(issue({ degree: 7 })).toMatchObject({ path: ['degree'], message: expect.stringMatching(/6/) });
    expect(issue({ trainFraction: 1 })).toMatchObject({ path: ['trainFraction'] });
    expect(issue({ degree: 2, trainFraction: 0.1 })).toMatchObject({ path: ['trainFraction'], message: expect.stringMatching(/of 4 pairs leaves 0/) });
    expect(issue({ splitSeed: -1 })).toMatchObject({ path: ['splitSeed'] });
    expect(() => task({ operation: 's5' })).toThrow(/operation/);
  });
});
