// Omnigrok's representation toy (Liu, Michaud & Tegmark 2023, §6 of src/papers/omnigrok/README.md;
// the authors' notebook mod-addition/landscape): the numbers 0 … p−1 sit at frozen 2-D points
// E = m·random + (1−m)·line, where the line puts n at x = −1 + 2n/(p−1) with a small random y,
// and random is U[−1, 1]²; m is the representation's messiness. A decoder reads E[a] + E[b] for
// the unordered pairs a ≤ b and regresses a random 30-d template of (a + b) mod p. With the
// embeddings frozen the decoder's input is a fixed 2-D feature per pair: dense features →
// regression targets. Every draw comes from dataSeed, so a grid over m moves the same points.
import { z } from 'zod';
import { foldIn, key, normal, permutation, uniform } from '../random/index.js';
import type { Dataset, Examples } from './dataset.js';
import type { TaskDefinition } from './task.js';

export const representationToyTaskSchema = z
  .object({
    name: z.literal('representation-toy'),
    p: z.number().int().min(2).default(10).describe('the numbers 0 … p−1, added mod p (Omnigrok: 10)'),
    messiness: z.number().min(0).max(1).default(0).describe('m: the embeddings are m·random + (1−m)·line (Omnigrok grid: 0 … 0.2)'),
    lineNoise: z.number().min(0).default(0.3).describe("the line's y-coordinates are lineNoise·U[−1, 1] (Omnigrok: 0.3)"),
    outputs: z.number().int().min(1).default(30).describe('dimension of the N(0, 1) target templates, one per residue (Omnigrok: 30)'),
    trainSize: z.number().int().min(1).default(45).describe('training pairs among the p(p+1)/2 unordered ones; the rest are the test set (Omnigrok: 45 of 55)'),
    dataSeed: z.number().int().min(0).default(0).describe('seed of the embeddings, the templates and the split (the same for every m)'),
    heldOut: z
      .enum(['any', 'seenSums'])
      .default('any')
      .describe(
        "any: a uniform split; seenSums: the split is redrawn until every held-out pair's sum a + b also occurs among the training pairs, as in the notebook's split, so that a line representation can answer every test pair",
      ),
    accuracyThreshold: z
      .number()
      .positive()
      .default(0.5)
      .describe('a pair counts as correct when its own MSE is below this; 0.5 is the MSE of the point halfway between two N(0, 1) templates'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const pairs = (t.p * (t.p + 1)) / 2;
    if (t.trainSize >= pairs) {
      ctx.addIssue({ code: 'custom', path: ['trainSize'], message: `must be below the ${pairs} unordered pairs of p = ${t.p}, so some are left to test` });
    }
  });

export type RepresentationToyTask = z.infer<typeof representationToyTaskSchema>;

/** The frozen embeddings, [p, 2] row-major. */
export function toyEmbeddings(task: RepresentationToyTask): Float64Array {
  const root = key(task.dataSeed);
  const random = uniform(foldIn(root, 0), task.p * 2, 'float64', -1, 1);
  const lineY = uniform(foldIn(root, 1), task.p, 'float64', -1, 1);
  const m = task.messiness;
  const e = new Float64Array(task.p * 2);
  for (let n = 0; n < task.p; n++) {
    const lineX = -1 + (2 * n) / (task.p - 1);
    e[2 * n] = m * random[2 * n] + (1 - m) * lineX;
    e[2 * n + 1] = m * random[2 * n + 1] + (1 - m) * task.lineNoise * lineY[n];
  }
  return e;
}

/** Draws of the split tried before heldOut "seenSums" gives up (at p = 10 and 45 pairs about one draw in five holds). */
const SPLIT_ATTEMPTS = 1000;

/** The pairs' row order: the first trainSize rows train, the rest are held out. */
function splitOrder(task: RepresentationToyTask, pairs: readonly [number, number][]): Int32Array {
  const root = foldIn(key(task.dataSeed), 3);
  for (let attempt = 0; attempt < SPLIT_ATTEMPTS; attempt++) {
    const order = permutation(attempt === 0 ? root : foldIn(root, attempt), pairs.length);
    if (task.heldOut === 'any') return order;
    const trainSums = new Set(Array.from(order.subarray(0, task.trainSize), (r) => pairs[r][0] + pairs[r][1]));
    if (Array.from(order.subarray(task.trainSize)).every((r) => trainSums.has(pairs[r][0] + pairs[r][1]))) return order;
  }
  throw new Error(
    `task.heldOut "seenSums": no split of ${task.trainSize} training pairs covers every held-out sum in ${SPLIT_ATTEMPTS} draws; raise trainSize or use "any"`,
  );
}

/** The unordered pairs (a, b), a ≤ b, in row order. */
export function toyPairs(p: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < p; a++) for (let b = a; b < p; b++) pairs.push([a, b]);
  return pairs;
}

export function representationToyData(task: RepresentationToyTask): Dataset {
  const root = key(task.dataSeed);
  const templates = normal(foldIn(root, 2), task.p * task.outputs, 'float64');
  const e = toyEmbeddings(task);
  const pairs = toyPairs(task.p);
  const order = splitOrder(task, pairs);
  const split = (rows: Int32Array): Examples => {
    const count = rows.length;
    const features = new Float64Array(count * 2);
    const targets = new Float64Array(count * task.outputs);
    rows.forEach((row, i) => {
      const [a, b] = pairs[row];
      features[2 * i] = e[2 * a] + e[2 * b];
      features[2 * i + 1] = e[2 * a + 1] + e[2 * b + 1];
      const sum = (a + b) % task.p;
      targets.set(templates.subarray(sum * task.outputs, (sum + 1) * task.outputs), i * task.outputs);
    });
    return { count, features, targets };
  };
  return {
    train: split(order.subarray(0, task.trainSize)),
    test: split(order.subarray(task.trainSize)),
    input: { kind: 'features', features: 2 },
    outputs: task.outputs,
    objective: { name: 'mse', accuracyThreshold: task.accuracyThreshold, zeroBaseline: false },
  };
}

export const representationToyTask = {
  schema: representationToyTaskSchema,
  experiment: 'supervised',
  data: (task) => representationToyData(task),
} satisfies TaskDefinition<typeof representationToyTaskSchema>;
