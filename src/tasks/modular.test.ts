import { describe, expect, it } from 'vitest';
import { OPERATIONS, modularData, modularTaskSchema } from './modular.js';

const task = (over: object = {}) => modularTaskSchema.parse({ name: 'modular', p: 7, operation: 'add', trainFraction: 0.5, splitSeed: 0, ...over });

describe('modular arithmetic task', () => {
  it('computes every operation exactly', () => {
    const p = 7;
    expect(OPERATIONS.add(5, 4, p)).toBe(2);
    expect(OPERATIONS.sub(2, 5, p)).toBe(4);
    expect(OPERATIONS.mul(5, 4, p)).toBe(6);
    expect(OPERATIONS.div(6, 4, p)).toBe(5); // 5·4 = 20 ≡ 6
    expect(OPERATIONS['x2+y2'](3, 4, p)).toBe(4); // 25 ≡ 4
    expect(OPERATIONS['x2+xy+y2'](3, 4, p)).toBe(2); // 37 ≡ 2
    expect(OPERATIONS['x3+xy'](3, 4, p)).toBe(4); // 39 ≡ 4
    // Large moduli stay exact: (p−1)·(p−1) ≡ 1.
    expect(OPERATIONS.mul(2002, 2002, 2003)).toBe(1);
  });

  it('splits all pairs disjointly, deterministically per split seed', () => {
    const d = modularData(task());
    expect(d.train.count + d.test.count).toBe(49);
    expect(d.train.count).toBe(25);
    const key = (b: typeof d.train, i: number) => `${b.tokens[3 * i]},${b.tokens[3 * i + 1]}`;
    const seen = new Set<string>();
    for (const b of [d.train, d.test]) for (let i = 0; i < b.count; i++) seen.add(key(b, i));
    expect(seen.size).toBe(49);
    expect(Array.from(d.train.tokens.subarray(0, 3))[2]).toBe(7); // the "=" token
    expect(modularData(task()).train.tokens).toEqual(d.train.tokens);
    expect(modularData(task({ splitSeed: 1 })).train.tokens).not.toEqual(d.train.tokens);
    for (let i = 0; i < d.train.count; i++) expect(d.train.labels[i]).toBe((d.train.tokens[3 * i] + d.train.tokens[3 * i + 1]) % 7);
  });

  it('division excludes y = 0 and needs a prime', () => {
    const d = modularData(task({ operation: 'div' }));
    expect(d.train.count + d.test.count).toBe(42);
    const bad = modularTaskSchema.safeParse({ name: 'modular', p: 8, operation: 'div', trainFraction: 0.5, splitSeed: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['p'], message: expect.stringMatching(/must be prime for operation "div"/) });
  });

  it('rejects bad fields with the allowed values', () => {
    expect(() => task({ trainFraction: 1 })).toThrow(/trainFraction/);
    expect(() => task({ operation: 'pow' })).toThrow(/"add"/);
    expect(() => task({ extra: 1 })).toThrow(/extra/);
  });
});
