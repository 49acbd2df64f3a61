import { z } from 'zod';
import { bnn, bnnSchema } from './bnn.js';
import { lstm, lstmSchema } from './lstm.js';
import { mlp, mlpSchema } from './mlp.js';
import type { Model, ModelContext } from './model.js';
import { transformer, transformerSchema } from './transformer.js';

export { initParams, tokenInput, type Model, type ModelContext, type Params } from './model.js';
export { bnnSchema, type BnnConfig, type BayesianModel } from './bnn.js';
export { lstmSchema, type LstmConfig } from './lstm.js';
export { mlpSchema, type MlpConfig } from './mlp.js';
export { transformerSchema, type TransformerConfig } from './transformer.js';

/** Models by name: the config's `model.name` picks one. */
export const modelConfigSchema = z.discriminatedUnion('name', [mlpSchema, transformerSchema, lstmSchema, bnnSchema]);
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export function buildModel(config: ModelConfig, ctx: ModelContext): Model {
  if (config.name === 'lstm') return lstm(config, ctx);
  if (config.name === 'bnn') return bnn(config, ctx);
  return config.name === 'mlp' ? mlp(config, ctx) : transformer(config, ctx);
}
