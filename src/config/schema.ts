// One run, fully described: the zod schema is the documentation, the CLI's validation and its
// error messages. Tasks, models and optimizers are discriminated unions on `name`, each derived
// from its registry.
import { z } from 'zod';
import { detectionOptionsSchema } from '../metrics/index.js';
import { modelConfigSchema } from '../models/index.js';
import { optimizerConfigSchema } from '../optim/index.js';
import { taskConfigSchema } from '../tasks/registry.js';

export const trainingSchema = z
  .object({
    steps: z.number().int().min(1).describe('optimizer steps'),
    batchSize: z
      .union([
        z.literal('full'),
        z.number().int().min(1),
        z
          .object({
            fraction: z.number().gt(0).max(1).describe('this fraction of the training set, rounded up …'),
            max: z.number().int().min(1).describe('… but at most this many examples'),
          })
          .strict(),
      ])
      .describe(
        '"full" (the whole training set every step), examples per step, or {fraction, max}: ⌈fraction · n_train⌉ examples, at most max ' +
          '(Power et al.: {fraction: 0.5, max: 512}, i.e. min(512, n_train / 2))',
      ),
    seed: z.number().int().min(0).describe('seed of the initialization and of the minibatches'),
    dtype: z.enum(['float32', 'float64']).describe('floating-point type of parameters and activations'),
    evalsPerDecade: z.number().int().min(1).max(1000).describe('evaluations per decade of steps (log-spaced schedule)'),
    checkpointEvery: z.number().int().min(1).describe('steps between checkpoints (resume restarts from the last one)'),
    snapshots: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .describe(
        'weight snapshots kept along training (weights/step-N.safetensors): at most this many evaluation steps, log-spaced; ' +
          'default 40; 0 keeps only the final weights',
      ),
    batchOrder: z
      .enum(['sample', 'epochs'])
      .optional()
      .describe(
        'minibatches: "sample" (default) draws each step\'s batch on its own; "epochs" shuffles the training set once per epoch and walks it ' +
          'in consecutive batches, the last one smaller (PyTorch DataLoader(shuffle=True)), so an epoch is ⌈n_train / batchSize⌉ steps',
      ),
    evalEvery: z.number().int().min(1).optional().describe('evaluate every this many steps (e.g. once per epoch) instead of on the log-spaced schedule'),
    normMetrics: z
      .boolean()
      .optional()
      .describe(
        'networks: also log weight_l0 (count of weights with |w| > 1e-4), weight_l1 and weight_nuclear (sum of the nuclear norms of the matrices), ' +
          'as Tikeng Notsawo et al. 2025 track them; default false (weight_l2 only)',
      ),
    earlyStop: z
      .object({
        metric: z.string().describe('metric to watch, e.g. test_acc'),
        threshold: z.number().describe('stop once the metric is at or above this …'),
        evals: z.number().int().min(1).describe('… for this many consecutive evaluations'),
      })
      .strict()
      .nullable()
      .describe('stop early once generalization has held, or null to run all steps'),
  })
  .strict();

export const runConfigSchema = z
  .object({
    task: taskConfigSchema,
    model: modelConfigSchema,
    optimizer: optimizerConfigSchema,
    training: trainingSchema,
    detection: detectionOptionsSchema,
  })
  .strict();

export type RunConfig = z.infer<typeof runConfigSchema>;
export type TrainingConfig = z.infer<typeof trainingSchema>;
