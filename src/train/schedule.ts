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
