// Child process of `npm run bench`: E seeds of a network preset trained as one ensemble (the
// MLP's member axis) beside the same E runs trained one after another, on the backend that
// GROKLAB_BACKEND selects. Training steps only (evaluations, files and process start-up
// excluded on both sides); throughput in member-steps per second. Prints one JSON line.
//   node dist/bench/ensemble-steps.js PRESET MEMBERS STEPS
import type { RunConfig } from '../config/schema.js';
import { validateConfig } from '../config/validate.js';
import { backend } from '../kernels/index.js';
import { PRESETS } from '../papers/presets.js';
import { networkEnsemble } from '../train/network-ensemble.js';
import { NetworkMembers } from '../train/experiments/network-members.js';
import { setupRun } from '../train/setup.js';

const [preset, members, steps] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
if (!(preset in PRESETS)) throw new Error(`ensemble-steps: unknown preset ${preset}`);
const configs: RunConfig[] = Array.from({ length: members }, (_, e) => {
  const config = validateConfig(structuredClone(PRESETS[preset].config));
  config.training.seed = e;
  return config;
});
const WARM_UP = 2;

/** Seconds for `steps` steps after a warm-up (JIT tiers, memory pools). */
function time(step: (s: number) => void): number {
  for (let s = 0; s < WARM_UP; s++) step(s);
  const start = performance.now();
  for (let s = WARM_UP; s < WARM_UP + steps; s++) step(s);
  return (performance.now() - start) / 1000;
}

let separateSeconds = 0;
for (const config of configs) {
  const { experiment } = setupRun(config);
  separateSeconds += time((s) => experiment.step(s));
}
const ensemble = networkEnsemble(configs);
if (!(ensemble instanceof NetworkMembers)) throw new Error(`ensemble-steps: ${preset} does not train as one computation`);
const active = configs.map(() => true);
const ensembleSeconds = time((s) => ensemble.step(s, active));
const memberSteps = members * steps;
process.stdout.write(
  `${JSON.stringify({
    backend: backend().name,
    preset,
    members,
    steps,
    separateMemberStepsPerSecond: memberSteps / separateSeconds,
    ensembleMemberStepsPerSecond: memberSteps / ensembleSeconds,
    speedup: separateSeconds / ensembleSeconds,
  })}\n`,
);
