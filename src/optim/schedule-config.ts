// Hyper-parameters in configs: a number, or a schedule written as data ({schedule: 'name', …}).
import { z } from 'zod';
import type { Hyper, Schedule } from './transform.js';
import { constant, cosineDecay, linearWarmup, stepDecay, warmupCosine } from './schedules.js';
import { strictObject, unknownTag } from './zod-helpers.js';

const steps = (min: number, what: string) => z.number().int().min(min).describe(what);
const peak = z.number().describe('value at the end of the warm-up (or at step 0 without one)');
const final = z.number().default(0).describe('value reached at decaySteps and kept after (default 0)');

export const scheduleConfigSchema = z.discriminatedUnion(
  'schedule',
  [
    strictObject('constant schedule', { schedule: z.literal('constant'), value: z.number().describe('the value at every step') }),
    strictObject('linearWarmup schedule', {
      schedule: z.literal('linearWarmup'),
      peak,
      warmupSteps: steps(0, 'steps from 0 to peak; step 0 has value 0 (Power et al. 2022 use 10)'),
    }),
    strictObject('cosineDecay schedule', { schedule: z.literal('cosineDecay'), peak, decaySteps: steps(1, 'steps from peak to final'), final }),
    strictObject('warmupCosine schedule', {
      schedule: z.literal('warmupCosine'),
      peak,
      warmupSteps: steps(0, 'steps of linear warm-up from 0 to peak'),
      decaySteps: steps(1, 'step at which the cosine reaches final, counted from 0 and including the warm-up (as optax)'),
      final,
    }).refine((c) => c.decaySteps > c.warmupSteps, { message: 'decaySteps must exceed warmupSteps (it includes the warm-up)', path: ['decaySteps'] }),
    strictObject('stepDecay schedule', {
      schedule: z.literal('stepDecay'),
      peak,
      every: steps(1, 'steps between drops'),
      factor: z.number().min(0).max(1).describe("the value is multiplied by this at every drop (Omnigrok's representation toy: 0.2 every 5000 steps)"),
    }),
  ],
  { error: unknownTag },
);

export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;

const scheduleNames = scheduleConfigSchema.options.map((o) => JSON.stringify(o.shape.schedule.value)).join(' | ');

/** Every value a hyper-parameter takes is ≥ 0 (a schedule's value, peak and final). */
function nonNegative(config: number | ScheduleConfig): boolean {
  if (typeof config === 'number') return config >= 0;
  return Object.entries(config).every(([k, v]) => !['value', 'peak', 'final'].includes(k) || (v as number) >= 0);
}

/**
 * A number or a schedule config, never negative: a negative learning rate climbs the loss, a
 * negative decay or penalty rewards large weights. NOTE: a plain z.union reports only "Invalid
 * input" at the field; this error option surfaces the schedule's own issue, since objects can
 * only be schedules.
 */
export function hyperSchema(what: string) {
  const schema = z
    .union([z.number(), scheduleConfigSchema], {
      error: (issue) => {
        if (issue.code !== 'invalid_union') return undefined;
        if (typeof issue.input !== 'object' || issue.input === null) {
          return `expected a number or a schedule {schedule: ${scheduleNames}, …}, received ${JSON.stringify(issue.input) ?? 'nothing'}`;
        }
        const inner = (issue.errors[1] ?? []).map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message.replace(/^Invalid input: /, ''));
        return `invalid schedule (${inner.join('; ')})`;
      },
    })
    .refine(nonNegative, { message: 'must be ≥ 0' })
    .describe(`${what}: a number, or a schedule {schedule: ${scheduleNames}, …} evaluated at the transform's 0-based step`);
  HYPER_SCHEMAS.add(schema);
  return schema;
}

const HYPER_SCHEMAS = new WeakSet<z.ZodType>();

/** Whether a config field (with or without a default) is a hyper-parameter: ensemble members may differ in it. */
export function isHyperSchema(schema: z.ZodType): boolean {
  return HYPER_SCHEMAS.has(schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema);
}

/** A hyper-parameter as parsed (schedule defaults filled in). */
export type HyperConfig = number | ScheduleConfig;

/** An ensemble's hyper-parameter, one value per member (built by mergeMemberConfigs, not written by users). */
export type MemberHyperConfig = { perMember: HyperConfig[] };

export function toHyper(config: HyperConfig | MemberHyperConfig): Hyper {
  if (typeof config === 'number') return config;
  if ('perMember' in config) return { perMember: config.perMember.map((c) => toHyper(c) as number | Schedule) };
  switch (config.schedule) {
    case 'constant':
      return constant(config.value);
    case 'linearWarmup':
      return linearWarmup(config.peak, config.warmupSteps);
    case 'cosineDecay':
      return cosineDecay(config.peak, config.decaySteps, config.final);
    case 'warmupCosine':
      return warmupCosine(config.peak, config.warmupSteps, config.decaySteps, config.final);
    case 'stepDecay':
      return stepDecay(config.peak, config.every, config.factor);
  }
}
