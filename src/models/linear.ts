// The linear model of Miller, O'Neill & Bui 2024's linear-regression grokking (§1 of
// src/papers/miller/README.md): ŷ = X·w without bias, trained on a Gaussian likelihood with a Gaussian
// prior on w, loss = (SSE/σ² + Σw²/σ_p²) / n_train. The second (complexity) term is what makes
// the validation accuracy catch up late; without it the model never generalizes.
import { z } from 'zod';
import * as T from '../tensor/index.js';

export const linearSchema = z
  .object({
    name: z.literal('linear'),
    init: z.array(z.number()).min(1).describe('initial weights, one per feature (the paper: [5e-4, 0.9, 0.9, 0.9], a high-complexity start)'),
    noiseVariance: z.number().positive().describe('σ² of the Gaussian likelihood: the data fit is SSE/σ² (the paper: 0.002)'),
    priorVariance: z.number().positive().describe('σ_p² of the N(0, σ_p²) prior on each weight: the complexity is Σw²/σ_p² (the paper: 0.5)'),
    complexity: z.boolean().describe("include the complexity term Σw²/σ_p² in the loss (the paper's ablation: false never groks)"),
  })
  .strict()
  .describe('linear model without bias, ŷ = X·w, with a Gaussian likelihood and prior');
export type LinearConfig = z.infer<typeof linearSchema>;

export interface LinearTerms {
  /** predictions [count] */
  predictions: T.Tensor;
  /** SSE/σ² / count */
  fit: T.Tensor;
  /** Σw²/σ_p² / count (reported even when the loss leaves it out) */
  complexity: T.Tensor;
  /** fit + complexity, or fit alone */
  loss: T.Tensor;
}

/** The loss of the paper on one split: features [count, d], targets [count]. */
export function linearTerms(config: LinearConfig, w: T.Tensor, features: T.Tensor, targets: T.Tensor): LinearTerms {
  const count = targets.size;
  const predictions = T.reshape(T.matmul(features, T.reshape(w, [w.size, 1])), [count]);
  const fit = T.mul(T.sum(T.square(T.sub(predictions, targets))), 1 / (config.noiseVariance * count));
  const complexity = T.mul(T.sum(T.square(w)), 1 / (config.priorVariance * count));
  return { predictions, fit, complexity, loss: config.complexity ? T.add(fit, complexity) : fit };
}

/** Sign agreement, the paper's accuracy: (ŷ > 0) = (y > 0). */
export function signAccuracy(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < targets.length; i++) if (predictions[i] > 0 === targets[i] > 0) correct++;
  return correct / targets.length;
}
