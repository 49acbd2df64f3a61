// Binary operations mod p (Power et al. 2022, "Grokking: generalization beyond overfitting on
// small algorithmic datasets"): every pair (x, y) is one example, labelled x ∘ y mod p, and a
// seeded random fraction of the pairs is the training set.
import { z } from 'zod';
import type { Dataset, Examples } from './dataset.js';
import { key, permutation } from '../random/index.js';
import type { TaskDefinition } from './task.js';

type Op = (x: number, y: number, p: number) => number;

/** NOTE: products are reduced before they can exceed 2^53, so every value is exact. */
const mulmod = (a: number, b: number, p: number) => Number((BigInt(a) * BigInt(b)) % BigInt(p));

function powmod(base: number, exponent: number, p: number): number {
  let result = 1 % p;
  let b = base % p;
  for (let e = exponent; e > 0; e >>= 1) {
    if (e & 1) result = mulmod(result, b, p);
    b = mulmod(b, b, p);
  }
  return result;
}

/** x / y = x · y^(p−2) by Fermat's little theorem (p prime, y ≠ 0). */
const divide: Op = (x, y, p) => mulmod(x, powmod(y, p - 2, p), p);

export const OPERATIONS = {
  add: (x, y, p) => (x + y) % p,
  sub: (x, y, p) => (((x - y) % p) + p) % p,
  mul: (x, y, p) => mulmod(x, y, p),
  div: divide,
  'x2+y2': (x, y, p) => (mulmod(x, x, p) + mulmod(y, y, p)) % p,
  'x2+xy+y2': (x, y, p) => (mulmod(x, x, p) + mulmod(x, y, p) + mulmod(y, y, p)) % p,
  'x3+xy': (x, y, p) => (mulmod(mulmod(x, x, p), x, p) + mulmod(x, y, p)) % p,
} satisfies Record<string, Op>;

export type Operation = keyof typeof OPERATIONS;
const OPERATION_NAMES = Object.keys(OPERATIONS) as [Operation, ...Operation[]];

export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** Division excludes y = 0. */
const pairCount = (p: number, operation: Operation) => p * (operation === 'div' ? p - 1 : p);

export const modularTaskSchema = z
  .object({
    name: z.literal('modular'),
    p: z.number().int().min(2).max(2003).describe('the modulus; also the number of classes'),
    operation: z.enum(OPERATION_NAMES).describe('the binary operation x ∘ y mod p'),
    trainFraction: z.number().gt(0).lt(1).describe('fraction of all pairs used for training, in (0, 1)'),
    splitSeed: z.number().int().min(0).describe('seed of the train/test split (independent of the model seed)'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.operation === 'div' && !isPrime(t.p)) {
      ctx.addIssue({ code: 'custom', path: ['p'], message: `must be prime for operation "div" (${t.p} is not): division needs every y ≠ 0 to be invertible` });
    }
    checkTrainFraction(t.trainFraction, pairCount(t.p, t.operation), ctx);
  });

/** A split of `pairs` examples must leave at least one for training and one for testing. */
export function checkTrainFraction(trainFraction: number, pairs: number, ctx: z.RefinementCtx): void {
  const nTrain = Math.round(trainFraction * pairs);
  if (nTrain < 1 || nTrain >= pairs) {
    ctx.addIssue({
      code: 'custom',
      path: ['trainFraction'],
      message: `${trainFraction} of ${pairs} pairs leaves ${nTrain} for training; need between 1 and ${pairs - 1}`,
    });
  }
}

export type ModularTask = z.infer<typeof modularTaskSchema>;

/** Modular examples: token rows (x, y, =) and the class of each. */
export type TokenBatch = Examples & { tokens: Int32Array; labels: Int32Array };

export interface ModularData extends Dataset {
  train: TokenBatch;
  test: TokenBatch;
}

export function modularData(task: ModularTask): ModularData {
  const { p, operation } = task;
  const op = OPERATIONS[operation];
  const pairs: [number, number][] = [];
  for (let x = 0; x < p; x++) for (let y = operation === 'div' ? 1 : 0; y < p; y++) pairs.push([x, y]);
  const nTrain = Math.round(task.trainFraction * pairs.length);
  const order = permutation(key(task.splitSeed), pairs.length);
  const batch = (from: number, to: number): TokenBatch => {
    const count = to - from;
    const tokens = new Int32Array(count * 3);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const [x, y] = pairs[order[from + i]];
      tokens.set([x, y, p], i * 3);
      labels[i] = op(x, y, p);
    }
    return { tokens, labels, count };
  };
  // tokens 0 … p−1 are numbers, p is "="
  return {
    train: batch(0, nTrain),
    test: batch(nTrain, pairs.length),
    input: { kind: 'tokens', vocab: p + 1, sequenceLength: 3 },
    outputs: p,
    objective: { name: 'cross-entropy' },
  };
}

export const modularTask = { schema: modularTaskSchema, experiment: 'supervised', data: (task) => modularData(task) } satisfies TaskDefinition<
  typeof modularTaskSchema
>;
