// Child process of `npm run bench`: training steps/s of a transformer preset (nanda-p113 full
// batch, power-div97 in minibatches) on the backend GROKLAB_BACKEND selects, evaluations
// excluded, and the mean GEMM FLOPs of a timed step. Prints one JSON line.
// Usage: transformer-steps.js PRESET STEPS [DATA_PATH]. Given a path, first writes the training
// set there and the model/optimizer/batch settings beside it (DATA_PATH.json) for the PyTorch
// baseline (torch_transformer.py), so the two sides share one description.
import { writeFileSync } from 'node:fs';
import { backend } from '../kernels/index.js';
import { resolveConfig } from '../config/resolve.js';
import { PRESETS } from '../papers/presets.js';
import { batchSizeFor } from '../train/epochs.js';
import { train } from '../train/loop.js';
import { setupRun } from '../train/setup.js';
import { modularData } from '../tasks/modular.js';
import { countGemmFlops } from './gemm-flops.js';

const [preset, steps, dataPath] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const { config } = resolveConfig({ preset, presets: PRESETS, sets: ['training.evalsPerDecade=1', 'training.checkpointEvery=1000000'], steps });
if (config.task.name !== 'modular' || config.model.name !== 'transformer' || config.optimizer.name !== 'adamw')
  throw new Error(`bench: ${preset} is not an AdamW transformer on a modular task`);
const run = setupRun(config);
const { train: data } = modularData(config.task);
const batch = batchSizeFor(config.training.batchSize, data.count);
if (dataPath) {
  // int32: the [count, 3] token rows, then the labels.
  const packed = new Int32Array(4 * data.count);
  packed.set(data.tokens, 0);
  packed.set(data.labels, 3 * data.count);
  writeFileSync(dataPath, packed);
  const { model, optimizer } = config;
  const { lr } = optimizer;
  if (typeof lr !== 'number' && lr.schedule !== 'linearWarmup') throw new Error(`bench: ${preset}'s learning-rate schedule ${lr.schedule} has no PyTorch twin`);
  const spec = {
    vocab: config.task.p + 1,
    outputs: config.task.p,
    layers: model.layers,
    dModel: model.dModel,
    heads: model.heads,
    dMlp: model.dMlp,
    layerNorm: model.layerNorm,
    causal: model.causal,
    batch,
    lr: typeof lr === 'number' ? lr : lr.peak,
    warmupSteps: typeof lr === 'number' ? 0 : lr.warmupSteps,
    betas: [optimizer.beta1, optimizer.beta2],
    eps: optimizer.eps,
    weightDecay: optimizer.weightDecay,
  };
  writeFileSync(`${dataPath}.json`, JSON.stringify(spec));
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
// Minibatch epochs end in a smaller batch: the mean over the timed steps matches their mean rate.
const timedFlops = stepFlops.slice(2);
console.log(
  JSON.stringify({
    backend: backend().name,
    batch,
    steps: timed.length,
    stepsPerSecond: timed.length / seconds,
    gemmFlopsPerStep: timedFlops.reduce((s, f) => s + f, 0) / timedFlops.length,
  }),
);
