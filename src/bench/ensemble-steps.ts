// Child process of `npm run bench`: E seeds of a network preset trained as one ensemble (the
// MLP's member axis) beside the same E runs trained one after another, on the backend that
// GROKLAB_BACKEND selects. Training steps only (evaluations, files and process start-up
// excluded on both sides), in alternating rounds so that both sides meet the same machine, the
// best round of each counted; throughput in member-steps per second, and the speed-up in CPU
// time too (on a shared machine the steadier of the two). Then where the ensemble's
// step spends its time: the share inside GEMM calls and the GEMM rate they reach. Prints one
// JSON line.
//   node dist/bench/ensemble-steps.js PRESET MEMBERS STEPS
import type { RunConfig } from '../config/schema.js';
import { validateConfig } from '../config/validate.js';
import type { GemmArgs } from '../kernels/backend.js';
import { backend } from '../kernels/index.js';
import { PRESETS } from '../papers/presets.js';
import { NetworkMembers } from '../train/experiments/network-members.js';
import { networkEnsemble } from '../train/network-ensemble.js';
import { setupRun } from '../train/setup.js';

const [preset, members, steps] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
if (!(preset in PRESETS)) throw new Error(`ensemble-steps: unknown preset ${preset}`);
const configs: RunConfig[] = Array.from({ length: members }, (_, e) => {
  const config = validateConfig(structuredClone(PRESETS[preset].config));
  config.training.seed = e;
  return config;
});
const WARM_UP = 2;

/** This process's CPU seconds (user and system; one thread computes). */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Wall-clock seconds for steps first … first + n − 1, and the CPU seconds they took (steadier on a shared machine). */
function measure(step: (s: number) => void, first: number, n: number): { wall: number; cpu: number } {
  const [start, cpu] = [performance.now(), cpuSeconds()];
  for (let s = first; s < first + n; s++) step(s);
  return { wall: (performance.now() - start) / 1000, cpu: cpuSeconds() - cpu };
}
const seconds = (step: (s: number) => void, first: number, n: number) => measure(step, first, n).wall;

const ROUNDS = 3;

const separate = configs.map((config) => setupRun(config).experiment);
const ensemble = networkEnsemble(configs);
if (!(ensemble instanceof NetworkMembers)) throw new Error(`ensemble-steps: ${preset} does not train as one computation`);
const active = configs.map(() => true);
const ensembleStep = (s: number) => ensemble.step(s, active);
// Warm-up (JIT tiers, memory pools), then rounds of the 16 runs one after another and of the ensemble.
for (const x of separate) seconds((s) => x.step(s), 0, WARM_UP);
seconds(ensembleStep, 0, WARM_UP);
const best = { separate: { wall: Infinity, cpu: Infinity }, ensemble: { wall: Infinity, cpu: Infinity } };
const keepBest = (side: 'separate' | 'ensemble', m: { wall: number; cpu: number }) => {
  best[side] = { wall: Math.min(best[side].wall, m.wall), cpu: Math.min(best[side].cpu, m.cpu) };
};
for (let round = 0, first = WARM_UP; round < ROUNDS; round++, first += steps) {
  const parts = separate.map((x) => measure((s) => x.step(s), first, steps));
  keepBest('separate', { wall: parts.reduce((t, m) => t + m.wall, 0), cpu: parts.reduce((t, m) => t + m.cpu, 0) });
  keepBest('ensemble', measure(ensembleStep, first, steps));
}

// The profile: more ensemble steps with every GEMM timed and counted.
const kernels = backend();
const gemm = kernels.gemm;
let gemmSeconds = 0;
let gemmFlops = 0;
(kernels as { gemm: (args: GemmArgs) => void }).gemm = (args) => {
  const t = performance.now();
  gemm(args);
  gemmSeconds += (performance.now() - t) / 1000;
  gemmFlops += 2 * args.m * args.n * args.k * args.batch;
};
const profiledSteps = Math.max(1, Math.ceil(steps / 2));
const profiledSeconds = seconds(ensembleStep, WARM_UP + ROUNDS * steps, profiledSteps);

const memberSteps = members * steps;
process.stdout.write(
  `${JSON.stringify({
    backend: backend().name,
    preset,
    members,
    steps,
    separateMemberStepsPerSecond: memberSteps / best.separate.wall,
    ensembleMemberStepsPerSecond: memberSteps / best.ensemble.wall,
    speedup: best.separate.wall / best.ensemble.wall,
    cpuSpeedup: best.separate.cpu / best.ensemble.cpu,
    gemmShare: gemmSeconds / profiledSeconds,
    gemmGflops: gemmFlops / gemmSeconds / 1e9,
    gemmFlopsPerMemberStep: gemmFlops / (profiledSteps * members),
  })}\n`,
);
