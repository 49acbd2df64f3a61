// A sweep spec in the style of W&B sweeps: a base (preset and/or config), the parameters to vary
// by dotted config path, how to combine them, and how many seeds per point. JSON or YAML.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatIssues } from '../config/validate.js';
import { UsageError } from '../errors.js';

const valuesParam = z.object({ values: z.array(z.unknown()).min(1).describe('exactly these values') }).strict();
const rangeParam = z
  .object({
    min: z.number(),
    max: z.number(),
    count: z.number().int().min(1).optional().describe('grid: this many points from min to max (both included); random: unused'),
    scale: z.enum(['linear', 'log']).default('linear').describe('spacing (grid) or sampling (random) scale'),
  })
  .strict()
  .refine((r) => r.max >= r.min, { message: 'max must be ≥ min', path: ['max'] })
  .refine((r) => r.scale !== 'log' || r.min > 0, { message: 'a log scale needs min > 0', path: ['min'] });
const fixedParam = z.object({ value: z.unknown().describe('one value for every run') }).strict();

export const parameterSchema = z.union([valuesParam, rangeParam, fixedParam], {
  error: () => 'expected {values: [...]}, {min, max, count, scale} or {value}',
});
export type ParameterSpec = z.infer<typeof parameterSchema>;

export const sweepSpecSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, ".", "-" and "_" only, not starting with "." or "-", at most 100 characters')
      .describe('a name for the sweep (its default directory is sweeps/<name>)'),
    description: z.string().optional(),
    preset: z.string().optional().describe('the base preset (see `groklab presets`)'),
    config: z.record(z.string(), z.unknown()).optional().describe('config fields merged over the preset'),
    method: z.enum(['grid', 'random']).describe('grid: every combination; random: `count` samples'),
    count: z.number().int().min(1).optional().describe('random: how many parameter points'),
    seed: z.number().int().min(0).default(0).describe('random: the sampling seed'),
    seeds: z.number().int().min(1).default(1).describe('training seeds per parameter point (training.seed = 0 … seeds−1)'),
    parameters: z.record(z.string(), parameterSchema).describe('dotted config paths → values'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.method === 'random' && s.count === undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'method "random" needs count' });
    if (s.method === 'grid') {
      for (const [path, p] of Object.entries(s.parameters)) {
        if ('min' in p && p.count === undefined)
          ctx.addIssue({ code: 'custom', path: ['parameters', path, 'count'], message: 'a range in a grid needs count' });
      }
    }
  });

export type SweepSpec = z.infer<typeof sweepSpecSchema>;

export function parseSweepSpec(value: unknown, source = 'spec'): SweepSpec {
  const result = sweepSpecSchema.safeParse(value);
  if (!result.success) throw new UsageError(formatIssues(result.error, source));
  return result.data;
}

export function loadSweepSpec(path: string): SweepSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`sweep: cannot read ${path}`);
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(`sweep: ${path} does not parse (${(error as Error).message.split('\n')[0]})`);
  }
  return parseSweepSpec(value, path);
}
