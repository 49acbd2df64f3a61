// The classic optimizers as compositions of transforms (optax style).
import type { Hyper, Transform } from './transform.js';
import { chain } from './chain.js';
import { addDecayedWeights } from './decay.js';
import { traceMomentum } from './momentum.js';
import { scaleByLearningRate } from './scale.js';
import { fusedAdamW } from './fused-adamw.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';
import { adamMoments } from './adam.js';
import { hyperSchema, toHyper } from './schedule-config.js';

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

export const sgdEntry = transformEntry(
  'sgd',
  'SGD as torch.optim.SGD: chain(addDecayedWeights, traceMomentum, scaleByLearningRate)',
  {
    lr: hyperSchema('learning rate'),
    momentum: z.number().min(0).lt(1).default(0).describe('heavy-ball momentum μ (default 0: plain gradient descent)'),
    nesterov: z.boolean().default(false).describe("Nesterov's momentum (default false)"),
    weightDecay: hyperSchema('coupled weight decay, added to the gradient before the momentum as in torch SGD (default 0)').default(0),
  },
  (c) => sgd({ lr: toHyper(c.lr), momentum: c.momentum, nesterov: c.nesterov, weightDecay: toHyper(c.weightDecay) }),
);

export const adamEntry = transformEntry(
  'adam',
  'Adam (Kingma & Ba 2015): chain(scaleByAdam, scaleByLearningRate), fused',
  { lr: hyperSchema('learning rate'), ...adamMoments },
  (c) => adam({ ...c, lr: toHyper(c.lr) }),
);

export const adamwEntry = transformEntry(
  'adamw',
  'AdamW (Loshchilov & Hutter 2019): chain(scaleByAdam, addDecayedWeights, scaleByLearningRate), fused',
  { lr: hyperSchema('learning rate'), ...adamMoments, weightDecay: hyperSchema('decoupled weight decay, multiplied by the learning rate as in torch AdamW') },
  (c) => adamw({ ...c, lr: toHyper(c.lr), weightDecay: toHyper(c.weightDecay) }),
);
