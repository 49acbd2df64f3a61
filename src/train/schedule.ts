// When to evaluate: grokking spans decades of steps, so the schedule is log-spaced — dense
// early, sparse late — with step 0 (the initialization) and the last step always included.

/** Sorted, distinct steps in [0, total]: ⌊10^(k/perDecade)⌉ for k = 0, 1, …, plus 0 and total. */
export function evalSteps(total: number, perDecade: number): number[] {
  const steps = new Set<number>([0, total]);
  for (let k = 0; ; k++) {
    const s = Math.round(10 ** (k / perDecade));
    if (s >= total) break;
    steps.add(s);
  }
  return [...steps].sort((a, b) => a - b);
}

/** Every `every` steps from 0, plus `total`: e.g. once per epoch, when a paper counts in epochs. */
export function everySteps(total: number, every: number): number[] {
  const steps: number[] = [];
  for (let s = 0; s < total; s += every) steps.push(s);
  steps.push(total);
  return steps;
}

/** Weight snapshots a run keeps when training.snapshots is not set. */
export const DEFAULT_SNAPSHOTS = 40;

/**
 * At most `count` of the evaluation steps, evenly spaced in log(1 + step) from the first to the
 * last (both kept): the nearest evaluation step to each of `count` targets, duplicates dropped,
 * so the dense early evaluations thin out and the trajectory keeps its shape on a log axis.
 */
export function snapshotSchedule(evaluations: readonly number[], count: number): number[] {
  if (count <= 0 || evaluations.length === 0) return [];
  if (evaluations.length <= count) return [...evaluations];
  const at = (s: number) => Math.log1p(s);
  const first = at(evaluations[0]);
  const last = at(evaluations[evaluations.length - 1]);
  const picked = new Set<number>();
  let i = 0;
  for (let k = 0; k < count; k++) {
    const target = count === 1 ? last : first + ((last - first) * k) / (count - 1);
    while (i + 1 < evaluations.length && Math.abs(at(evaluations[i + 1]) - target) <= Math.abs(at(evaluations[i]) - target)) i++;
    picked.add(evaluations[i]);
  }
  return [...picked];
}
