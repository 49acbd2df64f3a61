// Wall time of `groklab reproduce omnigrok-fig3-mnist` (1e5 steps, batch 200, float64) beside
// PyTorch on the same step: both train a shortened run (default 2000 steps) and the full one is
// extrapolated from it. Usage: node dist/bench/omnigrok-mnist.js [STEPS]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendChoice } from '../kernels/index.js';
import { mnistConfig } from '../papers/omnigrok/configs.js';
import { setupRun } from '../train/setup.js';

const FULL_STEPS = 100_000;
const steps = Number(process.argv[2] ?? 2000);

function groklab(): number {
  const { experiment } = setupRun(mnistConfig({ alpha: 8, steps }));
  for (let s = 0; s < 5; s++) experiment.step(s);
  const t0 = performance.now();
  for (let s = 5; s < steps + 5; s++) experiment.step(s);
  return steps / ((performance.now() - t0) / 1000);
}

function torch(): number | string {
  const digits = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const script = fileURLToPath(new URL('../../src/bench/torch_omnigrok_mnist.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, digits, String(steps), '1'], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
  if (r.status !== 0) return `PyTorch unavailable: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { steps_per_s: number }).steps_per_s;
}

const ours = groklab();
const theirs = torch();
const minutes = (rate: number) => (FULL_STEPS / rate / 60).toFixed(1);
const result = {
  workload: 'Omnigrok MNIST step: MLP 784-200-200-10, float64, batch 200, AdamW (one thread each)',
  measured_steps: steps,
  backend: backendChoice().backend.name,
  groklab_steps_per_s: ours,
  groklab_minutes_for_1e5_steps: Number(minutes(ours)),
  pytorch_steps_per_s: typeof theirs === 'number' ? theirs : null,
  pytorch_minutes_for_1e5_steps: typeof theirs === 'number' ? Number(minutes(theirs)) : null,
  ...(typeof theirs === 'string' ? { pytorch_error: theirs } : { groklab_over_pytorch: ours / theirs }),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
