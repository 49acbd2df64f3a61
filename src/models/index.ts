// Models: networks (init + apply) and the estimators and GPs that train by experiments of their own.
import type { ModelConfig } from './registry.js';

export { initParams, tokenInput, type Model, type ModelContext, type Params } from './model.js';
export { lstmSchema, type LstmConfig } from './lstm.js';
export { bnnSchema, type BnnConfig, type BayesianModel } from './bnn.js';
export { mlpSchema, type MlpConfig } from './mlp.js';
export { mpnnSchema, batchGraphs, type MpnnConfig, type GraphBatch } from './mpnn.js';
export { matrixProductMlpSchema, type MatrixProductMlpConfig } from './matrix-product-mlp.js';
export { transformerSchema, type TransformerConfig } from './transformer.js';

export { modelRegistry, modelConfigSchema, buildModel, MODEL_NAMES, type ModelConfig, type ModelDefinition, type ModelName } from './registry.js';

/** The Omnigrok init scale α of a network model (1 for models that have none). */
export const initScaleOf = (config: ModelConfig): number => ('initScale' in config ? config.initScale : 1);
