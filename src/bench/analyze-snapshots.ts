// Child process of `npm run bench`: `analyze` (every measure that applies) over 50 parameter
// snapshots of the default run, on the backend GROKLAB_BACKEND selects. The run is trained first
// (not timed), its parameters copied at every evaluation and thinned to 50 log-spaced snapshots.
// Prints one JSON line.
import { analyze, chooseMeasures, subjectOf, type SnapshotSource } from '../analysis/index.js';
import { resolveConfig } from '../config/resolve.js';
import { backend } from '../kernels/index.js';
import { train } from '../train/loop.js';
import { setupRun } from '../train/setup.js';

const SNAPSHOTS = 50;
const { config } = resolveConfig({ sets: ['training.checkpointEvery=1000000'] });
const run = setupRun(config);
const copies = new Map<number, Record<string, Float32Array | Float64Array>>();
await train(run, {
  onEvent: (event) => {
    if (event.event === 'eval') copies.set(event.step, Object.fromEntries(Object.entries(run.experiment.arrays).map(([name, a]) => [name, a.slice()])));
  },
  saveCheckpoint: () => '',
  stopRequested: () => false,
});
const all = [...copies.keys()];
if (all.length < SNAPSHOTS) throw new Error(`bench analyze: the default run evaluated only ${all.length} times, fewer than ${SNAPSHOTS} snapshots`);
const steps = Array.from({ length: SNAPSHOTS }, (_, i) => all[Math.round((i * (all.length - 1)) / (SNAPSHOTS - 1))]);
const source: SnapshotSource = { steps, load: (step) => copies.get(step)! };
const subject = subjectOf(config, 'the default run');
const choices = chooseMeasures([], subject, 'the default run');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
analyze(subject, source, choices);
const seconds = (performance.now() - t0) / 1000;
// CPU time as well: on a shared machine the wall time also counts the other processes' turns.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    backend: backend().name,
    snapshots: steps.length,
    lastStep: steps.at(-1),
    measures: choices.map((c) => c.measure.name),
    seconds,
    cpuSeconds,
  }),
);
