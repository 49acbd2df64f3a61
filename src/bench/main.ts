// `npm run bench`: groklab's kernel backends beside PyTorch + OpenBLAS on the same models, data and
// optimizer, all measured in one run: GEMM throughput, the mod-97 MLP step (batch 4704 and 512),
// the Nanda et al. and Power et al. transformer steps, the default preset trained to its verdict, Tikeng Notsawo
// et al.'s sparse-recovery steps (one run and a 36-run ensemble) beside numpy, 16 seeds of network
// presets as one ensemble beside 16 separate runs, `analyze` over 50 snapshots of the default
// run, and a sweep of 8 quick runs on one worker and on two. Prints the summary table the
// README's "Performance" section quotes and writes bench/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsBackend } from '../kernels/js/index.js';
import { ISA_DESCRIPTIONS, loadNativeBackend, type NativeBackend } from '../kernels/native/index.js';
import { loadWasmBackend } from '../kernels/wasm/index.js';
import { PRESETS } from '../papers/presets.js';
import { RunDir } from '../runs/store.js';
import { modularData } from '../tasks/modular.js';
import { benchGemm } from './gemm.js';
import { serveBench } from './serve.js';
import { sweepSpeedup } from './sweep-speedup.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TORCH_PYTHON = '/usr/bin/python3';

/** A groklab configuration, run in a child process (a backend is chosen once per process). */
interface Groklab {
  label: string;
  env: Record<string, string>;
}

// NOTE: the native backend's thread count is pinned so the columns mean what they say.
const GROKLAB: Groklab[] = [
  { label: 'wasm', env: { GROKLAB_BACKEND: 'wasm' } },
  { label: 'native', env: { GROKLAB_BACKEND: 'native', GROKLAB_NATIVE_THREADS: '1' } },
  { label: 'native, 2 threads', env: { GROKLAB_BACKEND: 'native', GROKLAB_NATIVE_THREADS: '2' } },
];

interface StepsResult {
  backend: string;
  batch: number;
  steps: number;
  stepsPerSecond: number;
  /** the FLOPs one training step hands to GEMM (mlp-steps, transformer-steps, imdb-lstm) */
  gemmFlopsPerStep?: number;
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
  steps_per_s: number;
  gemm_gflops_4704x256x512?: number;
}
type TorchOutcome = TorchResult | { label: string; error: string };

const measured = (t: TorchOutcome): t is TorchResult => 'steps_per_s' in t;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function native(): NativeBackend | null {
  try {
    return loadNativeBackend();
  } catch (error) {
    log(`native backend unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function gemmTable() {
  const shapes: [number, number, number][] = [
    [4704, 256, 512],
    [4704, 512, 97],
  ];
  const addon = native();
  const rows = [];
  for (const [m, k, n] of shapes) {
    const gflops: Record<string, number> = {
      js: benchGemm(jsBackend, m, k, n, { minSeconds: 1 }),
      wasm: benchGemm(loadWasmBackend(), m, k, n, { minSeconds: 1 }),
    };
    if (addon) {
      for (const threads of [1, 2]) {
        addon.useThreads(threads);
        gflops[threads === 1 ? 'native' : 'native, 2 threads'] = benchGemm(addon, m, k, n, { minSeconds: 1 });
      }
      addon.useThreads(1);
    }
    log(
      `GEMM f32 ${m}×${k}×${n}: ${Object.entries(gflops)
        .map(([name, g]) => `${name} ${g.toFixed(1)}`)
        .join(', ')} GFLOP/s`,
    );
    rows.push({ m, k, n, dtype: 'float32', gflops });
  }
  return { isa: addon ? `${addon.isa()}: ${ISA_DESCRIPTIONS[addon.isa()]}` : null, rows };
}

function child(script: string, args: string[], env: Record<string, string>): StepsResult {
  const out = execFileSync(process.execPath, [join(root, 'dist/bench', script), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as StepsResult;
}

function torch(script: string, args: string[], config: TorchConfig): TorchOutcome {
  try {
    const out = execFileSync(TORCH_PYTHON, [join(root, 'src/bench', script), ...args], {
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

/** One workload on every groklab configuration and PyTorch configuration. */
interface Workload {
  name: string;
  groklab: Record<string, number>;
  torch: TorchOutcome[];
  gemmFlopsPerStep?: number;
}

function report(w: Workload): Workload {
  log(
    `${w.name}: ${Object.entries(w.groklab)
      .map(([label, s]) => `${label} ${s.toFixed(2)}`)
      .join(', ')} steps/s`,
  );
  for (const t of w.torch) log(`  PyTorch ${t.label}: ${measured(t) ? `${t.steps_per_s.toFixed(2)} steps/s` : t.error}`);
  return w;
}

function mlp(batch: number): Workload & { gemmGflopsTorchOneCore: number | null } {
  const dataPath = join(tmpdir(), `groklab-bench-mod97-${batch}.bin`);
  const groklab: Record<string, number> = {};
  let gemmFlopsPerStep: number | undefined;
  // The first child writes the data file the PyTorch runs read.
  GROKLAB.forEach((g, i) => {
    const r = child('mlp-steps.js', [String(batch), '5', ...(i === 0 ? [dataPath] : [])], g.env);
    groklab[g.label] = r.stepsPerSecond;
    gemmFlopsPerStep = r.gemmFlopsPerStep;
  });
  if (batch === 4704) groklab.js = child('mlp-steps.js', [String(batch), '5'], { GROKLAB_BACKEND: 'js' }).stepsPerSecond;
  const torchRuns = TORCH_CONFIGS.map((config) => torch('torch_mlp.py', [dataPath, String(config.threads), '5'], config));
  const oneCore = torchRuns.find((t) => t.label === 'one core');
  return {
    ...report({ name: `mod-97 MLP, batch ${batch}`, groklab, torch: torchRuns, gemmFlopsPerStep }),
    gemmGflopsTorchOneCore: oneCore && measured(oneCore) ? (oneCore.gemm_gflops_4704x256x512 ?? null) : null,
  };
}

/** The transformer presets the bench times: the name of each row, steps per configuration, and what the papers' code computes. */
const TRANSFORMERS = [
  { preset: 'nanda-p113', name: 'nanda-p113 transformer, full batch', steps: 25, papersCode: "Nanda et al.'s code" },
  { preset: 'power-div97', name: 'power-div97 transformer, 2 layers + LayerNorm, batch 512', steps: 40, papersCode: "Power et al.'s code" },
] as const;

/** A transformer preset's training step, against PyTorch computing the same and all positions. */
function transformer({ preset, name, steps, papersCode }: (typeof TRANSFORMERS)[number]): Workload {
  const dataPath = join(tmpdir(), `groklab-bench-${preset}.bin`);
  const groklab: Record<string, number> = {};
  let gemmFlopsPerStep: number | undefined;
  // The first child writes the data file (and its settings) the PyTorch runs read.
  GROKLAB.forEach((g, i) => {
    const r = child('transformer-steps.js', [preset, String(steps), ...(i === 0 ? [dataPath] : [])], g.env);
    groklab[g.label] = r.stepsPerSecond;
    gemmFlopsPerStep = r.gemmFlopsPerStep;
  });
  const torchRuns: TorchOutcome[] = [];
  for (const config of TORCH_CONFIGS) torchRuns.push(torch('torch_transformer.py', [dataPath, String(config.threads), '5', '1'], config));
  const allPositions = torch('torch_transformer.py', [dataPath, '1', '5', '0'], TORCH_CONFIGS[0]);
  torchRuns.push({ ...allPositions, label: `one core, every position (as ${papersCode})` });
  return report({ name, groklab, torch: torchRuns, gemmFlopsPerStep });
}

/**
 * The omnigrok-imdb LSTM step at the paper's size on synthetic token rows, native on one thread
 * beside PyTorch on one core (a few steps each: a step takes seconds).
 */
function lstm(): Workload {
  const r = child('imdb-lstm.js', ['4'], GROKLAB[1].env);
  const torchRun = torch('torch_imdb_lstm.py', ['1', '4'], TORCH_CONFIGS[0]);
  return report({
    name: 'IMDb LSTM, batch 50 × 500, 2 × 256, clip + AdamW',
    groklab: { native: r.stepsPerSecond },
    torch: [torchRun],
    gemmFlopsPerStep: r.gemmFlopsPerStep,
  });
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
  const run = RunDir.open(out);
  const summary = run.readSummary()!;
  const meta = run.readMeta();
  const config = PRESETS[name].config;
  if (config.task.name !== 'modular' || config.model.name !== 'mlp' || config.optimizer.name !== 'adamw')
    throw new Error(`bench: ${name} is no longer an AdamW MLP on a modular task`);
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
  const torchRun = torch(
    'torch_mlp.py',
    [dataPath, '1', '5', ...[config.model.embedDim, config.model.hidden[0], lr, weightDecay, beta2, 1].map(String)],
    TORCH_CONFIGS[0],
  );
  const ratio = measured(torchRun) ? summary.steps_per_s / torchRun.steps_per_s : null;
  log(
    `preset ${name}: ${summary.outcome}, t_mem ${summary.t_mem}, t_gen ${summary.t_gen}, ${summary.steps} steps in ${summary.wall_s.toFixed(1)} s ` +
      `(${summary.steps_per_s.toFixed(1)} steps/s with evaluations), peak memory ${meta.peakRssMiB} MiB`,
  );
  log(
    `  PyTorch one core, same model/data/optimizer: ${measured(torchRun) ? `${torchRun.steps_per_s.toFixed(1)} steps/s (training steps only) → groklab / PyTorch = ${ratio!.toFixed(2)}×` : torchRun.error}`,
  );
  return { preset: name, summary, peakRssMiB: meta.peakRssMiB, torch: torchRun, groklabOverTorchOneCore: ratio };
}

interface SparseSteps extends StepsResult {
  ensembleMemberStepsPerSecond: number;
  members: number;
}

/**
 * Tikeng Notsawo et al.'s sparse recovery (n 100, N 30, ℓ1 subgradient, float64): one run's
 * steps/s and the 36-point α × β grid as one ensemble, beside the authors' numpy loop (one run,
 * and the grid run by run) and PyTorch; then `tikeng-fig3-sparse-l1` at full size end to end.
 */
function sparse() {
  const groklab = Object.fromEntries(GROKLAB.slice(0, 2).map((g) => [g.label, child('sparse-steps.js', ['200000'], g.env) as SparseSteps]));
  let reference: { numpy_steps_per_s: number; numpy_sequential_member_steps_per_s: number; torch_steps_per_s?: number } | { error: string };
  try {
    const out = execFileSync(TORCH_PYTHON, [join(root, 'src/bench/sparse_numpy.py'), '50000'], {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    });
    reference = JSON.parse(out.trim().split('\n').pop()!);
  } catch (error) {
    reference = { error: `numpy baseline unavailable (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install python3-numpy` };
  }
  const out = mkdtempSync(join(tmpdir(), 'groklab-bench-fig3-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'reproduce', 'tikeng-fig3-sparse-l1', '--out', join(out, 'fig3')], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench: reproduce tikeng-fig3-sparse-l1 failed: ${r.stderr}`);
  const fig3Seconds = (performance.now() - t0) / 1000;
  const native = groklab.native;
  log(
    `sparse recovery step (n 100, N 30): ${Object.entries(groklab)
      .map(([l, g]) => `${l} ${g.stepsPerSecond.toFixed(0)}`)
      .join(', ')} steps/s; ` +
      `36-run α×β ensemble: ${Object.entries(groklab)
        .map(([l, g]) => `${l} ${(g.ensembleMemberStepsPerSecond / 1e6).toFixed(2)}M`)
        .join(', ')} member-steps/s`,
  );
  if ('error' in reference) log(`  ${reference.error}`);
  else {
    log(
      `  numpy (the authors' loop): ${reference.numpy_steps_per_s.toFixed(0)} steps/s, grid run by run ${reference.numpy_sequential_member_steps_per_s.toFixed(0)} member-steps/s; PyTorch ${reference.torch_steps_per_s?.toFixed(0) ?? '–'} steps/s`,
    );
    log(
      `  → one step ${(native.stepsPerSecond / reference.numpy_steps_per_s).toFixed(2)}× numpy (target ≥ 3×); ensemble ${(native.ensembleMemberStepsPerSecond / reference.numpy_sequential_member_steps_per_s).toFixed(1)}× numpy's sequential grid (target ≥ 10×)`,
    );
  }
  log(
    `  groklab reproduce tikeng-fig3-sparse-l1 (full: 2 runs × 1e6 steps, the delay law's 12 runs × 5e6 steps, plots and report): ${fig3Seconds.toFixed(1)} s`,
  );
  return { groklab, reference, fig3Seconds };
}

interface EnsembleSteps {
  preset: string;
  members: number;
  steps: number;
  separateMemberStepsPerSecond: number;
  ensembleMemberStepsPerSecond: number;
  speedup: number;
  cpuSpeedup: number;
  gemmShare: number;
  gemmGflops: number;
  gemmFlopsPerMemberStep: number;
}

/** Network ensembles measured: the preset, its training steps per measurement, and the speed-up the issue targets (none for the small models). */
const ENSEMBLES: { preset: string; steps: number; target?: number }[] = [
  { preset: 'mod97-mlp-adamw', steps: 4, target: 3 },
  { preset: 'omnigrok-teacher-student', steps: 100 },
  { preset: 'omnigrok-representation-toy', steps: 100 },
];
const ENSEMBLE_MEMBERS = 16;

/**
 * 16 seeds of the default preset (GEMM-bound: full batch 4704 × 256) and of two small MLPs
 * (where the per-step work outside GEMM weighs most) as one ensemble beside the same 16 runs one
 * after another, native on one thread; with the share of the ensemble's step spent in GEMM.
 */
function ensembles(): EnsembleSteps[] {
  return ENSEMBLES.map(({ preset, steps, target }) => {
    const r = child('ensemble-steps.js', [preset, String(ENSEMBLE_MEMBERS), String(steps)], GROKLAB[1].env) as unknown as EnsembleSteps;
    log(
      `${r.members} seeds of ${preset} (native, one thread): one ensemble ${r.ensembleMemberStepsPerSecond.toFixed(1)} member-steps/s, ` +
        `${r.members} separate runs ${r.separateMemberStepsPerSecond.toFixed(1)} → ${r.speedup.toFixed(2)}×${target ? ` (target ≥ ${target}×)` : ''}, ${r.cpuSpeedup.toFixed(2)}× in CPU time; ` +
        `the ensemble's step spends ${(100 * r.gemmShare).toFixed(0)} % in GEMM (${r.gemmGflops.toFixed(1)} GFLOP/s, ${(r.gemmFlopsPerMemberStep / 1e6).toFixed(1)} MFLOP per member-step)`,
    );
    return r;
  });
}

interface AnalyzeBench {
  backend: string;
  snapshots: number;
  lastStep: number;
  measures: string[];
  seconds: number;
  cpuSeconds: number;
}

/** `groklab analyze`'s measures over 50 snapshots of the default run, on one core. */
function analyzeSnapshots(): AnalyzeBench {
  const out = execFileSync(process.execPath, [join(root, 'dist/bench/analyze-snapshots.js')], { env: { ...process.env, ...GROKLAB[1].env }, encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').pop()!) as AnalyzeBench;
  log(
    `analyze (${result.measures.join(', ')}) over ${result.snapshots} snapshots of the default run (to step ${result.lastStep}), ${result.backend} on one core: ${result.seconds.toFixed(2)} s, ${result.cpuSeconds.toFixed(2)} s of CPU (target < 10 s)`,
  );
  return result;
}

/**
 * The README table: throughput per configuration; native on one thread ÷ PyTorch on one core
 * against each target, native on two threads ÷ PyTorch's best on two cores, and the share of
 * the GEMM-bound roofline native reaches on one thread (the step's GEMM FLOPs at the measured
 * 4704×256×512 GEMM rate, everything else free).
 */
function summaryTable(
  gemm: ReturnType<typeof gemmTable>,
  torchGemm: number | null,
  workloads: [Workload, number][],
  networkEnsembles: EnsembleSteps[],
): string[] {
  const fmt = (x: number | undefined, digits = 1) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
  const torchOf = (w: Workload, label: string) => w.torch.find((t): t is TorchResult => measured(t) && t.label === label)?.steps_per_s;
  const bestTorch = (w: Workload) =>
    Math.max(...w.torch.filter((t): t is TorchResult => measured(t) && !t.label.includes('every position')).map((t) => t.steps_per_s));
  const ratio = (x: number | undefined, y: number | undefined) => (x === undefined || y === undefined ? undefined : x / y);
  const verdict = (r: number | undefined, target: number) =>
    r === undefined ? '–' : `${r.toFixed(2)}× (target ≥ ${target}×: ${r >= target ? 'met' : 'missed'})`;
  const isa = gemm.isa?.split(':')[0] ?? 'no addon';
  const lines = [
    `| workload | groklab wasm | groklab native (${isa}) | native, 2 threads | PyTorch one core | PyTorch best of 2 cores | native ÷ PyTorch one core | native 2 threads ÷ PyTorch best | native's share of the GEMM-bound roofline |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ];
  const g = gemm.rows[0].gflops;
  const torchGemmOne = torchGemm ?? undefined;
  const gemmRatio = ratio(g.native, torchGemmOne);
  lines.push(
    `| GEMM 4704×256×512 f32 (GFLOP/s) | ${fmt(g.wasm)} | ${fmt(g.native)} | ${fmt(g['native, 2 threads'])} | ${fmt(torchGemmOne)} | – | ${gemmRatio === undefined ? '–' : `${gemmRatio.toFixed(2)}×`} | – | – |`,
  );
  for (const [w, target] of workloads) {
    const one = torchOf(w, 'one core');
    const best = bestTorch(w);
    const two = ratio(w.groklab['native, 2 threads'], Number.isFinite(best) ? best : undefined);
    const roofline = w.gemmFlopsPerStep && g.native ? (g.native * 1e9) / w.gemmFlopsPerStep : undefined;
    const share = roofline === undefined || w.groklab.native === undefined ? '–' : `${((100 * w.groklab.native) / roofline).toFixed(0)} % of ${fmt(roofline)}`;
    lines.push(
      `| ${w.name} (steps/s) | ${fmt(w.groklab.wasm)} | ${fmt(w.groklab.native, w.groklab.native < 1 ? 3 : 1)} | ${fmt(w.groklab['native, 2 threads'])} | ${fmt(one, one !== undefined && one < 1 ? 3 : 1)} | ${fmt(best)} | ${verdict(ratio(w.groklab.native, one), target)} | ${two === undefined ? '–' : `${two.toFixed(2)}×`} | ${share} |`,
    );
  }
  // Against the same runs trained separately, not against PyTorch: the ratio column says so.
  for (const r of networkEnsembles) {
    const target = ENSEMBLES.find((x) => x.preset === r.preset)?.target;
    const ratioText = `ensemble ÷ ${r.members} separate runs (${fmt(r.separateMemberStepsPerSecond)}): ${target ? verdict(r.speedup, target) : `${r.speedup.toFixed(2)}×`}`;
    lines.push(
      `| ${r.members} seeds of ${r.preset} as one ensemble (member-steps/s) | – | ${fmt(r.ensembleMemberStepsPerSecond)} | – | – | – | ${ratioText} | – | – |`,
    );
  }
  return lines;
}

/**
 * The LSTM row on its own: native on one thread ÷ PyTorch on one core, measured in the same
 * run, by wall time and by CPU time (the latter less sensitive to other processes on the machine).
 */
function lstmSection(): void {
  const r = child('imdb-lstm.js', ['4'], GROKLAB[1].env) as StepsResult & { cpuSecondsPerStep: number };
  const t = torch('torch_imdb_lstm.py', ['1', '4'], TORCH_CONFIGS[0]) as TorchOutcome & { cpu_s_per_step?: number };
  const addon = native();
  addon?.useThreads(1);
  const gflops = addon ? benchGemm(addon, 4704, 256, 512, { minSeconds: 1 }) : undefined;
  const roofline = gflops && r.gemmFlopsPerStep ? (gflops * 1e9) / r.gemmFlopsPerStep : undefined;
  log(`IMDb LSTM, batch 50 × 500, 2 × 256, clip + AdamW: native ${r.stepsPerSecond.toFixed(3)} steps/s (${r.cpuSecondsPerStep.toFixed(2)} CPU s/step)`);
  if (roofline)
    log(
      `  GEMM-bound roofline: ${roofline.toFixed(3)} steps/s (${(r.gemmFlopsPerStep! / 1e9).toFixed(1)} GFLOP/step at ${gflops!.toFixed(1)} GFLOP/s, 4704×256×512 native one thread) → ${((100 * r.stepsPerSecond) / roofline).toFixed(0)} %`,
    );
  if (!measured(t)) {
    log(`  PyTorch one core: ${t.error}`);
    return;
  }
  log(`  PyTorch one core: ${t.steps_per_s.toFixed(3)} steps/s (${t.cpu_s_per_step?.toFixed(2)} CPU s/step)`);
  log(
    `  native ÷ PyTorch one core: ${(r.stepsPerSecond / t.steps_per_s).toFixed(2)}× by wall time, ${(t.cpu_s_per_step! / r.cpuSecondsPerStep).toFixed(2)}× by CPU time (target ≥ 1×)`,
  );
}

function logSweep(sweep: ReturnType<typeof sweepSpeedup>): void {
  const isa = native()?.isa();
  log(
    `sweep of ${sweep.runs} quick runs (${isa ? `native ${isa}` : 'no native backend'}): 1 worker ${sweep.oneWorkerSeconds.toFixed(1)} s, 2 workers ${sweep.twoWorkersSeconds.toFixed(1)} s → ${sweep.ratio.toFixed(2)}× (target ≤ 0.55×)`,
  );
}

async function main(): Promise<void> {
  // `npm run bench -- --isa avx2`: the native kernels on that instruction set (GROKLAB_NATIVE_ISA),
  // so an AVX-512 machine measures the AVX2 path too. The children inherit it.
  const isaAt = process.argv.indexOf('--isa');
  if (isaAt >= 0) {
    process.env.GROKLAB_NATIVE_ISA = process.argv[isaAt + 1];
    process.argv.splice(isaAt, 2);
  }
  const machine = { cpu: cpus()[0]?.model ?? 'unknown CPU', cores: cpus().length, node: process.version };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}`);
  // `npm run bench -- sparse`: only the sparse-recovery section (printed, results.json untouched).
  if (process.argv[2] === 'sparse') return void sparse();
  // `npm run bench -- serve`: only the dashboard's section (printed, results.json untouched).
  if (process.argv[2] === 'serve') return void (await serveBench(log));
  // `npm run bench -- analyze`: only the analyze section (printed, results.json untouched).
  if (process.argv[2] === 'analyze') return void analyzeSnapshots();
  // `npm run bench -- ensemble`: only the network ensembles (printed, results.json untouched).
  if (process.argv[2] === 'ensemble') return void ensembles();
  // `npm run bench -- sweep`: only the sweep speed-up (printed, results.json untouched).
  if (process.argv[2] === 'sweep') return void logSweep(sweepSpeedup(root));
  // `npm run bench -- lstm`: only the IMDb LSTM step beside PyTorch (printed, results.json untouched).
  if (process.argv[2] === 'lstm') return void lstmSection();
  const gemm = gemmTable();
  if (gemm.isa) log(`native kernels: ${gemm.isa}`);
  // `npm run bench -- transformer`: only the transformer steps and their rows of the summary
  // table, against the GEMM rate just measured (printed, results.json untouched).
  if (process.argv[2] === 'transformer') {
    const rows = summaryTable(
      gemm,
      null,
      TRANSFORMERS.map((t) => [transformer(t), 1.5]),
      [],
    );
    log('');
    for (const line of rows) log(line);
    return;
  }
  const full = mlp(4704);
  const small = mlp(512);
  const [nanda, power] = TRANSFORMERS.map(transformer);
  const imdb = lstm();
  const preset = presetRun();
  const sparseRecovery = sparse();
  const networkEnsembles = ensembles();
  const analysis = analyzeSnapshots();
  const sweep = sweepSpeedup(root);
  const dashboard = await serveBench(log);
  logSweep(sweep);
  const table = summaryTable(
    gemm,
    full.gemmGflopsTorchOneCore,
    [
      [full, 1.5],
      [small, 1.5],
      [nanda, 1.5],
      [power, 1.5],
      [imdb, 1],
    ],
    networkEnsembles,
  );
  log('');
  for (const line of table) log(line);
  const results = {
    date: new Date().toISOString(),
    machine,
    gemm,
    mod97Mlp: [full, small],
    transformer: nanda,
    powerTransformer: power,
    lstm: imdb,
    preset,
    sparseRecovery,
    networkEnsembles,
    analysis,
    sweep,
    dashboard,
    table,
  };
  const dir = join(root, 'bench');
  if (!existsSync(dir)) mkdirSync(dir);
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('wrote bench/results.json');
}

await main();
