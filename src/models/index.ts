import { z } from 'zod';
import { bnn, bnnSchema } from './bnn.js';
import { deepMatrixSchema } from './estimators/matrix-product.js';
import { diagonalLinearSchema } from './estimators/diagonal.js';
import { matrixProductMlp, matrixProductMlpSchema } from './matrix-product-mlp.js';
import { lstm, lstmSchema } from './lstm.js';
import { exactGpSchema, variationalGpSchema } from './gp/index.js';
import { linearSchema } from './linear.js';
import { mlp, mlpSchema } from './mlp.js';
import { mpnn, mpnnSchema } from './mpnn.js';
import type { Model, ModelContext } from './model.js';
import { transformer, transformerSchema } from './transformer.js';

export { initParams, tokenInput, type Model, type ModelContext, type Params } from './model.js';
export { lstmSchema, type LstmConfig } from './lstm.js';
export { bnnSchema, type BnnConfig, type BayesianModel } from './bnn.js';
export { mlpSchema, type MlpConfig } from './mlp.js';
export { mpnnSchema, batchGraphs, type MpnnConfig, type GraphBatch } from './mpnn.js';
export { matrixProductMlpSchema, type MatrixProductMlpConfig } from './matrix-product-mlp.js';
export { transformerSchema, type TransformerConfig } from './transformer.js';

/** Models by name: the config's `model.name` picks one. */
export const modelConfigSchema = z.discriminatedUnion('name', [mlpSchema, transformerSchema, bnnSchema, lstmSchema, mpnnSchema, matrixProductMlpSchema, diagonalLinearSchema, deepMatrixSchema, linearSchema, exactGpSchema, variationalGpSchema]);
export type ModelConfig = z.infer<typeof modelConfigSchema>;

/** Models trained by an experiment of their own rather than as a network on a dataset, and their tasks. */
export const OWN_EXPERIMENT_TASKS = { linear: 'linear-regression', 'exact-gp': 'noisy-sine', 'variational-gp': 'zero-one, hidden-parity or parity' } as const;

/** The Omnigrok init scale α of a network model (1 for the models above, which have none). */
export const initScaleOf = (config: ModelConfig): number => ('initScale' in config ? config.initScale : 1);

export function buildModel(config: ModelConfig, ctx: ModelContext): Model {
  if (config.name === 'linear' || config.name === 'exact-gp' || config.name === 'variational-gp') throw new Error(`model.name: "${config.name}" is not a network; it trains on task ${OWN_EXPERIMENT_TASKS[config.name]}`);
  if (config.name === 'bnn') return bnn(config, ctx);
  if (config.name === 'lstm') return lstm(config, ctx);
  if (config.name === 'mpnn') return mpnn(config, ctx);
  if (config.name === 'diagonal-linear' || config.name === 'deep-matrix') throw new Error(`model.name: "${config.name}" is an estimator for the sparse-recovery and matrix-completion tasks, not a network`);
  if (config.name === 'matrix-product-mlp') return matrixProductMlp(config, ctx);
  return config.name === 'mlp' ? mlp(config, ctx) : transformer(config, ctx);
}
