// `groklab sweep`, `sweep summarize` and the phase diagram through the real binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const groklab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

const SPEC = {
  name: 'cli-sweep',
  preset: 'mod97-mlp-adamw',
  config: { task: { p: 11 }, model: { embedDim: 8, hidden: [16] }, training: { steps: 50, checkpointEvery: 25, earlyStop: null } },
  method: 'grid',
  seeds: 2,
  parameters: { 'optimizer.weightDecay': { values: [0, 1] }, 'task.trainFraction': { values: [0.4, 0.7] } },
};

describe('groklab sweep', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-sweep-cli-'));
  const specPath = join(root, 'spec.json');
  writeFileSync(specPath, JSON.stringify(SPEC));
  const out = join(root, 'sweep');

  it('runs the sweep on 2 workers and writes the tables', () => {
    const r = groklab(['sweep', specPath, '--out', out, '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/8\/8 runs finished/);
    expect(readdirSync(join(out, 'runs')).length).toBe(8);
    const groups = readFileSync(join(out, 'groups.csv'), 'utf8').trim().split('\n');
    expect(groups.length).toBe(5);
    expect(groups[0]).toMatch(/^optimizer\.weightDecay,task\.trainFraction,seeds,n_no-learn,n_memorize,n_generalize,n_grok/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n').length).toBe(9);
  });

  it('sweep summarize prints the groups; a re-run skips everything', () => {
    const s = groklab(['sweep', 'summarize', out, '--json']);
    expect(s.status).toBe(0);
    const tables = JSON.parse(s.stdout);
    expect(tables.runs.length).toBe(8);
    expect(tables.groups[0]).toHaveProperty('final_test_acc_ci95');
    const before = readFileSync(join(out, 'runs', 'weightDecay=0_trainFraction=0.4_seed=0', 'metrics.jsonl'), 'utf8');
    expect(groklab(['sweep', specPath, '--out', out]).status).toBe(0);
    expect(readFileSync(join(out, 'runs', 'weightDecay=0_trainFraction=0.4_seed=0', 'metrics.jsonl'), 'utf8')).toBe(before);
  });

  it('draws the phase diagram: one rect per run, outcome legend, axis titles', () => {
    const r = groklab(['plot', out, '--x', 'weightDecay', '--y', 'trainFraction']);
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(join(out, 'phase-weightDecay-trainFraction.svg'), 'utf8');
    expect(svg).toContain('weightDecay');
    expect(svg).toContain('trainFraction');
    expect(svg).toContain('outcome');
    // One rect path per run: the mark's group holds 8 items.
    const marks = svg.match(/aria-roledescription="rect mark"[^>]*>/g) ?? [];
    expect(marks.length).toBe(8);
    expect(existsSync(join(out, 'phase-weightDecay-trainFraction.png'))).toBe(true);
    const metric = groklab(['plot', out, '--x', 'weightDecay', '--y', 'trainFraction', '--metric', 'final_test_acc']);
    expect(metric.status, metric.stderr).toBe(0);
    expect(groklab(['plot', out, '--x', 'lr', '--y', 'trainFraction']).stderr).toMatch(
      /--x: "lr" is not a swept parameter; allowed: weightDecay, trainFraction/,
    );
  });

  it("sweep summarize --measures adds the measures at each run's last snapshot as final_ columns, for the phase diagram", () => {
    const run = join(out, 'runs', 'weightDecay=0_trainFraction=0.4_seed=0');
    const bad = groklab(['sweep', 'summarize', out, '--measures', 'fourier', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--measure: unknown measure "nope"; allowed: fourier, progress/);
    expect(existsSync(join(run, 'measures.json'))).toBe(false);
    const s = groklab(['sweep', 'summarize', out, '--json', '--measures', 'fourier', 'weights:l0Threshold=0.01']);
    expect(s.status, s.stderr).toBe(0);
    const { runs, groups } = JSON.parse(s.stdout);
    for (const row of runs) expect(typeof row['final_fourier.key_count']).toBe('number');
    expect(runs[0]['final_weights.total_l2']).toBeGreaterThan(0);
    expect(groups[0]).toHaveProperty('final_fourier.gini_mean');
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').split('\n')[0]).toContain('final_fourier.key_count');
    const plot = groklab(['plot', out, '--x', 'weightDecay', '--y', 'trainFraction', '--metric', 'final_fourier.gini']);
    expect(plot.status, plot.stderr).toBe(0);
  });

  it('bad specs fail with exit code 2 before anything runs', () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SPEC, parameters: { 'optimizer.weightDecy': { values: [1] } } }));
    const r = groklab(['sweep', bad, '--out', join(root, 'bad-out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"optimizer.weightDecy" is not a field of the base config/);
    expect(existsSync(join(root, 'bad-out'))).toBe(false);
  });

  it('Ctrl-C stops a two-worker sweep: its children checkpoint the runs in progress and leave, exit code 130', async () => {
    // Runs far too long to end by themselves: only the stop can end them.
    const long = join(root, 'long.json');
    const training = { ...SPEC.config.training, steps: 10_000_000, checkpointEvery: 50 };
    writeFileSync(long, JSON.stringify({ ...SPEC, name: 'long', config: { ...SPEC.config, training } }));
    const dir = join(root, 'long-out');
    const sweep = spawn(process.execPath, [BIN, 'sweep', long, '--out', dir, '--workers', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    sweep.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => sweep.on('close', resolve));
    // Two ensembles in progress (the runs of a training fraction differ only in weight decay and
    // seed: the four of them train together), each driven by a child (their locks) and past its first checkpoint.
    const runs = () => (existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')).map((id) => join(dir, 'runs', id)) : []);
    const checkpointed = (r: string) => existsSync(join(r, 'checkpoints')) && readdirSync(join(r, 'checkpoints')).some((f) => f.endsWith('.ckpt'));
    const started = () => runs().filter((r) => existsSync(join(r, 'run.lock')) && checkpointed(r));
    const driverOf = (r: string) => (JSON.parse(readFileSync(join(r, 'run.lock'), 'utf8')) as { pid: number }).pid;
    while (new Set(started().map(driverOf)).size < 2) await sleep(50);
    const drivers = [...new Set(started().map(driverOf))];
    expect(drivers).not.toContain(sweep.pid);
    sweep.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted: run the same command again to resume/);
    for (const pid of drivers) expect(() => process.kill(pid, 0)).toThrow();
    const interrupted = runs().filter((r) => existsSync(join(r, 'summary.json')));
    expect(interrupted.length).toBe(8);
    for (const r of interrupted) {
      expect(JSON.parse(readFileSync(join(r, 'summary.json'), 'utf8')).status).toBe('interrupted');
      expect(existsSync(join(r, 'run.lock'))).toBe(false);
    }
  }, 120_000);
});
