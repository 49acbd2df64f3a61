// One entry of the optimizer registry: a transform's config schema (its documentation, its
// validation and its error messages) beside the function that builds the transform from a
// parsed config. Each transform's file defines its entry; registry.ts lists them by name.
import { z } from 'zod';
import type { Shapes } from './nuclear.js';
import type { Transform } from './transform.js';
import { strictObject } from './zod-helpers.js';

/** What a build needs beyond the config. */
export interface BuildContext {
  /** every parameter's shape by name: the nuclear-norm transforms find the matrices in it */
  shapes: Shapes;
  /** ensemble members along every parameter's leading axis (default 1): global norms are per member */
  members?: number;
}

/** The schema of config `{ name, ...shape }`: strict, described, its errors naming the transform. */
export const configSchema = <N extends string, S extends z.ZodRawShape>(name: N, description: string, shape: S) =>
  strictObject(`optimizer "${name}"`, { name: z.literal(name), ...shape }).describe(description);

export interface TransformEntry<S extends z.ZodType = z.ZodType> {
  schema: S;
  build(config: z.output<S>, context: BuildContext): Transform;
}

/** A registry entry: the config schema of transform `name` and how to build it. */
export function transformEntry<N extends string, S extends z.ZodRawShape>(
  name: N,
  description: string,
  shape: S,
  build: (config: z.output<ReturnType<typeof configSchema<N, S>>>, context: BuildContext) => Transform,
): TransformEntry<ReturnType<typeof configSchema<N, S>>> {
  return { schema: configSchema(name, description, shape), build };
}
