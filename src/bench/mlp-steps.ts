// Child process of `npm run bench`: steps/s of the mod-97 MLP step on the backend that
// GROKLAB_BACKEND selects (a backend is chosen once per process), and the GEMM FLOPs of one
// step. Prints one JSON line.
import { backend } from '../kernels/index.js';
import { countGemmFlops } from './gemm-flops.js';
import { adamState, mod97Data, mod97Mlp, trainStep } from './mod97-mlp.js';

const [batch, minSeconds, dataPath] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const data = mod97Data(batch);
if (dataPath) {
  // The PyTorch baseline reads the same pairs and labels.
  const { writeFileSync } = await import('node:fs');
  const packed = new Int32Array(3 * batch);
  packed.set(data.x, 0);
  packed.set(data.y, batch);
  packed.set(data.labels, 2 * batch);
  writeFileSync(dataPath, packed);
}
const model = mod97Mlp(0);
const state = adamState(model);
const flops = countGemmFlops();
const loss0 = trainStep(model, data, state);
const gemmFlopsPerStep = flops.read();
trainStep(model, data, state); // warm-up: JIT tiers, pools, wasm memory growth
let steps = 0;
const start = performance.now();
while (performance.now() - start < minSeconds * 1000 || steps < 2) {
  trainStep(model, data, state);
  steps++;
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ backend: backend().name, batch, steps, stepsPerSecond: steps / seconds, gemmFlopsPerStep, loss0 }));
