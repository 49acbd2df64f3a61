// The classic optimizers as compositions of transforms (optax style).
import type { Hyper, Transform } from './transform.js';
import { chain } from './chain.js';
import { addDecayedWeights } from './decay.js';
import { traceMomentum } from './momentum.js';
import { scaleByLearningRate } from './scale.js';
import { fusedAdamW } from './fused-adamw.js';

export interface SgdOptions {
  lr: Hyper;
  /** heavy-ball coefficient μ; 0 (the default) is plain gradient descent */
  momentum?: number;
  nesterov?: boolean;
  /**
   * PyTorch SGD's `weight_decay`: wd·p is added to the gradient before the momentum (an ℓ2
   * term, coupled), which is what Miller et al.'s concealment runs use.
   */
  weightDecay?: Hyper;
}

/** chain([addDecayedWeights(wd)], [traceMomentum(μ)], scaleByLearningRate(lr)): torch.optim.SGD. */
export function sgd({ lr, momentum = 0, nesterov = false, weightDecay = 0 }: SgdOptions): Transform {
  const parts: Transform[] = [];
  if (weightDecay !== 0) parts.push(addDecayedWeights(weightDecay));
  if (momentum !== 0 || nesterov) parts.push(traceMomentum({ decay: momentum, nesterov }));
  parts.push(scaleByLearningRate(lr));
  return parts.length === 1 ? parts[0] : chain(...parts);
}

export interface AdamConfig {
  lr: Hyper;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export interface AdamWConfig extends AdamConfig {
  weightDecay: Hyper;
}

/** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
function withDefaults({ beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: AdamConfig) {
  return { beta1, beta2, eps };
}

/**
 * AdamW: semantically chain(scaleByAdam, addDecayedWeights(wd), scaleByLearningRate(lr)),
 * run through the fused kernel. Matches torch.optim.AdamW: p ← p·(1 − lr·wd) − lr·m̂/(√v̂+eps).
 */
export function adamw(config: AdamWConfig): Transform {
  return fusedAdamW({ ...withDefaults(config), lr: config.lr, weightDecay: config.weightDecay });
}

/** Adam: chain(scaleByAdam, scaleByLearningRate(lr)), i.e. the fused AdamW with zero decay. */
export function adam(config: AdamConfig): Transform {
  return fusedAdamW({ ...withDefaults(config), lr: config.lr, weightDecay: 0 });
}
