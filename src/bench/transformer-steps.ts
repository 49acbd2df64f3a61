// Child process of `npm run bench`: training steps/s of the nanda-p113 transformer preset (full
// batch) on the backend GROKLAB_BACKEND selects, evaluations excluded, and the GEMM FLOPs of one
// step. Prints one JSON line.
// Given a path, first writes the training set there for the PyTorch baseline (torch_transformer.py).
import { writeFileSync } from 'node:fs';
import { backend } from '../kernels/index.js';
import { resolveConfig } from '../config/resolve.js';
import { PRESETS } from '../papers/presets.js';
import { train } from '../train/loop.js';
import { setupRun } from '../train/setup.js';
import { modularData } from '../tasks/modular.js';
import { countGemmFlops } from './gemm-flops.js';

const [steps, dataPath] = [Number(process.argv[2]), process.argv[3]];
const { config } = resolveConfig({ preset: 'nanda-p113', presets: PRESETS, sets: ['training.evalsPerDecade=1', 'training.checkpointEvery=1000000'], steps });
const run = setupRun(config);
const { train: data } = modularData(config.task as Parameters<typeof modularData>[0]);
if (dataPath) {
  // int32: the [count, 3] token rows, then the labels.
  const packed = new Int32Array(4 * data.count);
  packed.set(data.tokens, 0);
  packed.set(data.labels, 3 * data.count);
  writeFileSync(dataPath, packed);
}
// A step event ends each step; the time since the previous event (a step or an evaluation) is
// that step's alone. The first two steps warm up the JIT and the buffer pool.
// The GEMM FLOPs between two events are likewise the step's (or the evaluation's).
const times: number[] = [];
const stepFlops: number[] = [];
const flops = countGemmFlops();
let last = performance.now();
let lastFlops = 0;
await train(run, {
  onEvent: (event) => {
    const now = performance.now();
    if (event.event === 'step') {
      times.push(now - last);
      stepFlops.push(flops.read() - lastFlops);
    }
    last = now;
    lastFlops = flops.read();
  },
  saveCheckpoint: () => '',
  stopRequested: () => false,
});
const timed = times.slice(2);
const seconds = timed.reduce((s, t) => s + t, 0) / 1000;
console.log(
  JSON.stringify({
    backend: backend().name,
    batch: data.count,
    steps: timed.length,
    stepsPerSecond: timed.length / seconds,
    gemmFlopsPerStep: stepFlops[stepFlops.length - 1],
  }),
);
