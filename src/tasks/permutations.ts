// Composition in the symmetric group S_n (Power et al. 2022 train on S5): every ordered pair
// (x, y) of permutations of n elements is one example, labelled x ∘ y, the permutation "apply x,
// then y". Each permutation is one token, so S5 has 120 tokens and 120 × 120 = 14,400 pairs; a
// seeded random fraction of the pairs is the training set, as for the modular operations.
import { z } from 'zod';
import { key, permutation } from '../random/index.js';
import type { Dataset } from './dataset.js';
import { checkTrainFraction, type TokenBatch } from './modular.js';
import type { TaskDefinition } from './task.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** The n! permutations of 0 … n−1 in lexicographic order: token i is the i-th (token 0 is the identity). */
export function permutationsOf(n: number): number[][] {
  const out: number[][] = [];
  const extend = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) out.push(prefix);
    for (let i = 0; i < rest.length; i++) extend([...prefix, rest[i]], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  extend(
    [],
    Array.from({ length: n }, (_, i) => i),
  );
  return out;
}

/** table[x · n! + y] = the token of x ∘ y, where (x ∘ y)(i) = y(x(i)) (the authors' code: c = b[a]). */
export function compositionTable(n: number): Int32Array {
  const elements = permutationsOf(n);
  const index = new Map(elements.map((e, i) => [e.join(','), i]));
  const size = elements.length;
  const table = new Int32Array(size * size);
  for (let x = 0; x < size; x++) {
    for (let y = 0; y < size; y++) table[x * size + y] = index.get(elements[x].map((v) => elements[y][v]).join(','))!;
  }
  return table;
}

export const permutationsTaskSchema = z
  .object({
    name: z.literal('permutations'),
    degree: z.number().int().min(2).max(6).describe('n of the symmetric group S_n, whose n! permutations are the tokens and the classes (the paper: 5)'),
    trainFraction: z.number().gt(0).lt(1).describe('fraction of all (n!)² pairs used for training, in (0, 1)'),
    splitSeed: z.number().int().min(0).describe('seed of the train/test split (independent of the model seed)'),
  })
  .strict()
  .superRefine((t, ctx) => checkTrainFraction(t.trainFraction, factorial(t.degree) ** 2, ctx));

export type PermutationsTask = z.infer<typeof permutationsTaskSchema>;

export function permutationsData(task: PermutationsTask): Dataset & { train: TokenBatch; test: TokenBatch } {
  const table = compositionTable(task.degree);
  const size = factorial(task.degree);
  const pairs = size * size;
  const nTrain = Math.round(task.trainFraction * pairs);
  const order = permutation(key(task.splitSeed), pairs);
  const batch = (from: number, to: number): TokenBatch => {
    const count = to - from;
    const tokens = new Int32Array(count * 3);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const pair = order[from + i];
      tokens.set([Math.floor(pair / size), pair % size, size], i * 3);
      labels[i] = table[pair];
    }
    return { tokens, labels, count };
  };
  // tokens 0 … n!−1 are permutations, n! is "="
  return {
    train: batch(0, nTrain),
    test: batch(nTrain, pairs),
    input: { kind: 'tokens', vocab: size + 1, sequenceLength: 3 },
    outputs: size,
    objective: { name: 'cross-entropy' },
  };
}

export const permutationsTask = { schema: permutationsTaskSchema, experiment: 'supervised', data: (task) => permutationsData(task) } satisfies TaskDefinition<
  typeof permutationsTaskSchema
>;
