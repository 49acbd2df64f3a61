// Training steps/s of the omnigrok-imdb LSTM at the paper's size (batch 50 × 500 tokens,
// Embedding(1001, 64) → LSTM 256 × 2 → 1 logit, clip 5 + AdamW) on the backend GROKLAB_BACKEND
// selects. No IMDb file is needed: token rows are synthetic, left-padded like the real ones
// (20–250 words a review). Prints one JSON line: `node dist/bench/imdb-lstm.js [steps]`.
import { backend } from '../kernels/index.js';
import { PRESETS } from '../papers/presets.js';
import type { Dataset } from '../tasks/dataset.js';
import { NetworkExperiment } from '../train/experiments/network.js';
import { countGemmFlops } from './gemm-flops.js';

const steps = Number(process.argv[2] ?? 4);
const { config } = PRESETS['omnigrok-imdb'];
const L = 500;
const rows = 750;
const tokens = new Int32Array(rows * L);
for (let r = 0; r < rows; r++) {
  const words = 20 + ((r * 7919) % 231);
  for (let t = L - words; t < L; t++) tokens[r * L + t] = 1 + ((r * 31 + t * 17) % 1000);
}
const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
const data: Dataset = {
  train: { count: rows, tokens, labels },
  test: { count: 50, tokens: tokens.subarray(0, 50 * L), labels: labels.subarray(0, 50) },
  input: { kind: 'tokens', vocab: 1001, sequenceLength: L },
  outputs: 1,
  objective: { name: 'bce' },
};
const experiment = new NetworkExperiment(config, data);
const flops = countGemmFlops();
experiment.step(0); // warm-up: JIT and buffer pool
const gemmFlopsPerStep = flops.read();
const cpu = process.cpuUsage();
const t0 = performance.now();
for (let s = 1; s <= steps; s++) experiment.step(s);
const wall = (performance.now() - t0) / 1000;
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    backend: backend().name,
    steps,
    stepsPerSecond: steps / wall,
    cpuSecondsPerStep: (used.user + used.system) / 1e6 / steps,
    gemmFlopsPerStep,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
