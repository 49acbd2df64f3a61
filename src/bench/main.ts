// `npm run bench`: GEMM throughput on both backends and the mod-97 MLP training step beside
// PyTorch on the same model and data, measured in one run; writes bench/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backend } from '../kernels/index.js';
import { jsBackend } from '../kernels/js/index.js';
import { loadWasmBackend } from '../kernels/wasm/index.js';
import { PRESETS } from '../config/presets.js';
import { resolveConfig } from '../config/resolve.js';
import { modularData } from '../tasks/modular.js';
import { train } from '../train/loop.js';
import { setupRun } from '../train/setup.js';
import { benchGemm } from './gemm.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TORCH_PYTHON = '/usr/bin/python3';

interface MlpResult {
  backend: string;
  batch: number;
  steps: number;
  stepsPerSecond: number;
  loss0: number;
}

/** PyTorch's intra-op threads and OpenBLAS's own thread pool are set separately. */
interface TorchConfig {
  label: string;
  threads: number;
  blasThreads: number;
}

// NOTE: torch.set_num_threads(1) does not limit OpenBLAS's pthread pool, which then uses both
// cores for GEMM; the one-core baseline must also set OPENBLAS_NUM_THREADS=1.
const TORCH_CONFIGS: TorchConfig[] = [
  { label: 'one core', threads: 1, blasThreads: 1 },
  { label: '1 torch thread + 2 BLAS threads', threads: 1, blasThreads: 2 },
  { label: 'two cores', threads: 2, blasThreads: 2 },
];

interface TorchResult {
  label: string;
  threads: number;
  steps_per_s: number;
  loss0: number;
  gemm_gflops_4704x256x512: number;
  torch: string;
  blas: string[];
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function gemmTable() {
  const shapes: [number, number, number][] = [[4704, 256, 512], [4704, 512, 97]];
  const rows = [];
  for (const [m, k, n] of shapes) {
    const js = benchGemm(jsBackend, m, k, n, { minSeconds: 1 });
    const wasm = benchGemm(loadWasmBackend(), m, k, n, { minSeconds: 1 });
    log(`GEMM f32 ${m}×${k}×${n}: js ${js.toFixed(2)} GFLOP/s, wasm ${wasm.toFixed(1)} GFLOP/s (one core)`);
    rows.push({ m, k, n, dtype: 'float32', gflops: { js, wasm } });
  }
  return rows;
}

function mlpSteps(backend: string, batch: number, seconds: number, dataPath?: string): MlpResult {
  const script = join(root, 'dist/bench/mlp-steps.js');
  const args = [script, String(batch), String(seconds), ...(dataPath ? [dataPath] : [])];
  const out = execFileSync(process.execPath, args, { env: { ...process.env, GROKLAB_BACKEND: backend }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as MlpResult;
}

function torchSteps(dataPath: string, config: TorchConfig, seconds: number, modelArgs: string[] = []): TorchResult | { label: string; error: string } {
  const script = join(root, 'src/bench/torch_mlp.py');
  try {
    const out = execFileSync(TORCH_PYTHON, [script, dataPath, String(config.threads), String(seconds), ...modelArgs], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OPENBLAS_NUM_THREADS: String(config.blasThreads) },
    });
    return { label: config.label, ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<TorchResult, 'label'>) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { label: config.label, error: `PyTorch baseline unavailable (${detail}); install it with: apt-get install python3-torch libopenblas0-pthread` };
  }
}

/**
 * The default preset trained to its verdict through the real CLI (its own process, so the peak
 * memory is the run's), beside PyTorch's steps/s for the same model, data and optimizer.
 */
function presetRun() {
  const name = 'mod97-mlp-adamw';
  const out = join(mkdtempSync(join(tmpdir(), 'groklab-bench-run-')), 'run');
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'train', '--preset', name, '--out', out, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench: training ${name} failed: ${r.stderr}`);
  const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { t_mem: number | null; t_gen: number | null; outcome: string; steps: number; wall_s: number; steps_per_s: number; final: Record<string, number> };
  const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { peakRssMiB: number };
  const config = PRESETS[name].config;
  if (config.model.name !== 'mlp' || config.optimizer.name !== 'adamw') throw new Error(`bench: ${name} is no longer an AdamW MLP`);
  const { train: data } = modularData(config.task);
  const dataPath = join(tmpdir(), 'groklab-bench-preset.bin');
  const packed = new Int32Array(3 * data.count);
  for (let i = 0; i < data.count; i++) {
    packed[i] = data.tokens[3 * i];
    packed[data.count + i] = data.tokens[3 * i + 1];
    packed[2 * data.count + i] = data.labels[i];
  }
  writeFileSync(dataPath, packed);
  const { lr, weightDecay, beta2 } = config.optimizer;
  const torch = torchSteps(dataPath, TORCH_CONFIGS[0], 5, [config.model.embedDim, config.model.hidden[0], lr, weightDecay, beta2, 1].map(String));
  const ratio = 'steps_per_s' in torch ? summary.steps_per_s / torch.steps_per_s : null;
  log(`preset ${name}: ${summary.outcome}, t_mem ${summary.t_mem}, t_gen ${summary.t_gen}, ${summary.steps} steps in ${summary.wall_s.toFixed(1)} s ` +
    `(${summary.steps_per_s.toFixed(1)} steps/s with evaluations), peak memory ${meta.peakRssMiB} MiB`);
  log(`  PyTorch one core, same model/data/optimizer: ${'steps_per_s' in torch ? `${torch.steps_per_s.toFixed(1)} steps/s (training steps only) → groklab / PyTorch = ${ratio!.toFixed(2)}×` : torch.error}`);
  return { preset: name, summary, peakRssMiB: meta.peakRssMiB, torch, groklabOverTorchOneCore: ratio };
}

/** Training steps/s of the Nanda et al. transformer preset (full batch), evaluations excluded. */
async function transformerSteps() {
  const steps = 20;
  const { config } = resolveConfig({ preset: 'nanda-p113', sets: ['training.evalsPerDecade=1', 'training.checkpointEvery=1000000'], steps });
  const run = setupRun(config);
  const start = performance.now();
  await train(run, { onEvent: () => {}, saveCheckpoint: () => '', stopRequested: () => false });
  // Two evaluations (steps 0 and 20) are included; at this size each costs about one step.
  const stepsPerSecond = steps / ((performance.now() - start) / 1000);
  log(`nanda-p113 transformer (full batch of ${run.data.train.count}): ${stepsPerSecond.toFixed(2)} steps/s on ${backend().name}`);
  return { preset: 'nanda-p113', steps, stepsPerSecond };
}

async function main(): Promise<void> {
  log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, node ${process.version}`);
  const gemm = gemmTable();
  const mlp = [];
  for (const batch of [4704, 512]) {
    const dataPath = join(tmpdir(), `groklab-bench-mod97-${batch}.bin`);
    const wasm = mlpSteps('wasm', batch, 5, dataPath);
    const js = batch === 4704 ? mlpSteps('js', batch, 5) : null;
    const torch = TORCH_CONFIGS.map((config) => torchSteps(dataPath, config, 5));
    const measured = torch.filter((t): t is TorchResult => 'steps_per_s' in t);
    const oneCore = measured.find((t) => t.label === 'one core');
    const best = [...measured].sort((a, b) => b.steps_per_s - a.steps_per_s)[0];
    const ratio = (t: TorchResult | undefined) => (t ? wasm.stepsPerSecond / t.steps_per_s : null);
    log(`mod-97 MLP, batch ${batch}: wasm ${wasm.stepsPerSecond.toFixed(2)} steps/s` + (js ? `, js ${js.stepsPerSecond.toFixed(3)} steps/s` : ''));
    for (const t of torch) log(`  PyTorch ${t.label}: ${'steps_per_s' in t ? `${t.steps_per_s.toFixed(2)} steps/s (GEMM ${t.gemm_gflops_4704x256x512.toFixed(0)} GFLOP/s)` : t.error}`);
    if (oneCore && best) log(`  wasm / PyTorch one core = ${ratio(oneCore)!.toFixed(2)}×; wasm / best PyTorch (${best.label}) = ${ratio(best)!.toFixed(2)}×`);
    mlp.push({ batch, wasm, js, torch, wasmOverTorchOneCore: ratio(oneCore), wasmOverBestTorch: ratio(best) });
  }
  const preset = presetRun();
  const transformer = await transformerSteps();
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    gemm,
    mod97Mlp: mlp,
    preset,
    transformer,
  };
  const dir = join(root, 'bench');
  if (!existsSync(dir)) mkdirSync(dir);
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('wrote bench/results.json');
}

await main();
