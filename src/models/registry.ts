// Every model by name. A network is built by `network` (init + apply on a task's examples); the
// others are trained by an experiment of their own, which `trainedBy` names for the error a user
// sees when asking for one as a network. A new model is a file (schema + builder), a test and one
// line here; the config's `model` union follows from this table.
import { z } from 'zod';
import { bnn, bnnSchema } from './bnn.js';
import { diagonalLinearSchema } from './estimators/diagonal.js';
import { deepMatrixSchema } from './estimators/matrix-product.js';
import { exactGpSchema, variationalGpSchema } from './gp/index.js';
import { linearSchema } from './linear.js';
import { lstm, lstmSchema } from './lstm.js';
import { matrixProductMlp, matrixProductMlpSchema } from './matrix-product-mlp.js';
import { mlp, mlpSchema } from './mlp.js';
import type { Model, ModelContext } from './model.js';
import { mpnn, mpnnSchema } from './mpnn.js';
import { transformer, transformerSchema } from './transformer.js';

type ModelSchema = z.ZodObject<{ name: z.ZodLiteral<string> } & z.ZodRawShape>;

export type ModelDefinition<S extends ModelSchema = ModelSchema> =
  | { schema: S; network(config: z.output<S>, ctx: ModelContext): Model }
  | { schema: S; trainedBy: string };

const network = <S extends ModelSchema>(schema: S, build: (config: z.output<S>, ctx: ModelContext) => Model): ModelDefinition<S> => ({
  schema,
  network: build,
});
const trainedBy = <S extends ModelSchema>(schema: S, why: string): ModelDefinition<S> => ({ schema, trainedBy: why });

export const modelRegistry = {
  mlp: network(mlpSchema, mlp),
  transformer: network(transformerSchema, transformer),
  bnn: network(bnnSchema, bnn),
  lstm: network(lstmSchema, lstm),
  mpnn: network(mpnnSchema, mpnn),
  'matrix-product-mlp': network(matrixProductMlpSchema, matrixProductMlp),
  'diagonal-linear': trainedBy(diagonalLinearSchema, 'it is an estimator for the sparse-recovery task'),
  'deep-matrix': trainedBy(deepMatrixSchema, 'it is an estimator for the matrix-completion and matrix-sensing tasks'),
  linear: trainedBy(linearSchema, 'it trains on task linear-regression'),
  'exact-gp': trainedBy(exactGpSchema, 'it trains on task noisy-sine'),
  'variational-gp': trainedBy(variationalGpSchema, 'it trains on task zero-one, hidden-parity or parity'),
};

export type ModelName = keyof typeof modelRegistry;
type ModelSchemaOf = (typeof modelRegistry)[ModelName]['schema'];

export const MODEL_NAMES = Object.keys(modelRegistry) as ModelName[];

const quoted = MODEL_NAMES.map((n) => JSON.stringify(n)).join(' | ');

/** Every model config, a discriminated union on `name` derived from the registry. */
export const modelConfigSchema = z.discriminatedUnion('name', Object.values(modelRegistry).map((m) => m.schema) as [ModelSchemaOf, ...ModelSchemaOf[]], {
  error: (issue) => (issue.code === 'invalid_union' && 'options' in issue ? `unknown model; expected one of ${quoted}` : undefined),
});

export type ModelConfig = z.output<typeof modelConfigSchema>;

/** The network a config names, for a task's input and output sizes. */
export function buildModel(config: ModelConfig, ctx: ModelContext): Model {
  const entry: ModelDefinition = modelRegistry[config.name];
  if ('trainedBy' in entry) throw new Error(`model.name: "${config.name}" is not a network; ${entry.trainedBy}`);
  return entry.network(config, ctx);
}
