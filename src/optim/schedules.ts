// Learning-rate (or any hyper-parameter) schedules: pure functions of the 0-based step count of
// the transform that uses them, where step t is the (t+1)-th update. Semantics follow optax.
import type { Schedule } from './transform.js';

function checkSteps(what: string, steps: number, min: number): void {
  if (!(Number.isInteger(steps) && steps >= min)) throw new Error(`${what} must be an integer ≥ ${min}, got ${steps}`);
}

export function constant(value: number): Schedule {
  return () => value;
}

/**
 * peak·min(step/warmupSteps, 1): 0 at step 0, peak from step warmupSteps on. This is
 * openai/grok's warm-up (Power et al. 2022, 10 steps, through torch LambdaLR), whose first update
 * has lr 0, and optax.linear_schedule(0, peak, warmupSteps).
 */
export function linearWarmup(peak: number, warmupSteps: number): Schedule {
  checkSteps('linearWarmup: warmupSteps', warmupSteps, 0);
  if (warmupSteps === 0) return constant(peak);
  return (step) => peak * Math.min(step / warmupSteps, 1);
}

/**
 * Cosine decay (Loshchilov & Hutter 2017, SGDR, arXiv 1608.03983) from peak at step 0 to
 * `final` at step decaySteps, constant after: final + (peak − final)·½(1 + cos(π·t/T)).
 */
export function cosineDecay(peak: number, decaySteps: number, final = 0): Schedule {
  checkSteps('cosineDecay: decaySteps', decaySteps, 1);
  return (step) => final + (peak - final) * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, decaySteps)) / decaySteps));
}

/**
 * Linear warm-up from 0 to peak over warmupSteps, then cosine decay to `final`, reached at step
 * decaySteps. As in optax.warmup_cosine_decay_schedule, decaySteps counts from step 0 and
 * includes the warm-up, so it must exceed warmupSteps.
 */
export function warmupCosine(peak: number, warmupSteps: number, decaySteps: number, final = 0): Schedule {
  checkSteps('warmupCosine: warmupSteps', warmupSteps, 0);
  if (!(decaySteps > warmupSteps))
    throw new Error(`warmupCosine: decaySteps (${decaySteps}) must exceed warmupSteps (${warmupSteps}); it includes the warm-up`);
  const warm = linearWarmup(peak, warmupSteps);
  const decay = cosineDecay(peak, decaySteps - warmupSteps, final);
  return (step) => (step < warmupSteps ? warm(step) : decay(step - warmupSteps));
}

/**
 * peak·factor^⌊t/every⌋: the value drops by `factor` every `every` steps (PyTorch's StepLR,
 * optax.exponential_decay with staircase=True). Omnigrok's representation toy multiplies its
 * learning rate by 0.2 every 5000 steps.
 */
export function stepDecay(peak: number, every: number, factor: number): Schedule {
  checkSteps('stepDecay: every', every, 1);
  return (step) => peak * factor ** Math.floor(step / every);
}
