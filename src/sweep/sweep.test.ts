import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetFromDefaults } from '../config/defaults.js';
import { SweepDir } from './directory.js';
import { expandSweep, parameterPoints } from './expand.js';
import { loadSweepSpec, parseSweepSpec } from './spec.js';
import { groupRows, runRows, toCsv } from './summarize.js';
import { trainMany } from './train-many.js';
import type { SweepProgress } from './pool.js';
import { workUnits } from './units.js';
import { train } from '../train/loop.js';
import { setupRun } from '../train/setup.js';
import { RunDir } from '../runs/store.js';
import type { EvalEvent } from '../runs/events.js';

const presets = { 'mod97-mlp-adamw': presetFromDefaults('the defaults as a preset', 'a test', {}) };

const spec = (over: object = {}) =>
  parseSweepSpec({
    name: 't',
    preset: 'mod97-mlp-adamw',
    config: { task: { p: 11 }, model: { embedDim: 8, hidden: [16] }, training: { steps: 60, checkpointEvery: 20, earlyStop: null } },
    method: 'grid',
    seeds: 2,
    parameters: { 'optimizer.weightDecay': { values: [0, 1] }, 'task.trainFraction': { min: 0.3, max: 0.6, count: 2 } },
    ...over,
  });

describe('sweep specs', () => {
  it('grid: every combination × seeds, ids stable and readable', () => {
    const runs = expandSweep(spec(), presets);
    expect(runs.length).toBe(8);
    expect(runs[0].id).toBe('weightDecay=0_trainFraction=0.3_seed=0');
    expect(runs[7].id).toBe('weightDecay=1_trainFraction=0.6_seed=1');
    expect(runs[5].config.optimizer).toMatchObject({ weightDecay: 1 });
    expect(runs[5].config.training.seed).toBe(1);
    expect(expandSweep(spec(), presets).map((r) => r.id)).toEqual(runs.map((r) => r.id));
  });

  it('log ranges and fixed values', () => {
    const points = parameterPoints(spec({ parameters: { 'model.initScale': { min: 0.1, max: 10, count: 3, scale: 'log' }, 'training.steps': { value: 7 } } }));
    expect(points).toEqual([
      { 'model.initScale': 0.1, 'training.steps': 7 },
      { 'model.initScale': 1, 'training.steps': 7 },
      { 'model.initScale': 10, 'training.steps': 7 },
    ]);
  });

  it('random: `count` points, deterministic in the seed, inside the ranges', () => {
    const random = (seed: number) =>
      parameterPoints(
        spec({
          method: 'random',
          count: 5,
          seed,
          parameters: { 'optimizer.lr': { min: 1e-4, max: 1e-2, scale: 'log' }, 'task.operation': { values: ['add', 'sub', 'mul'] } },
        }),
      );
    const a = random(3);
    expect(a.length).toBe(5);
    expect(random(3)).toEqual(a);
    expect(random(4)).not.toEqual(a);
    for (const p of a) {
      expect(p['optimizer.lr']).toBeGreaterThanOrEqual(1e-4);
      expect(p['optimizer.lr']).toBeLessThan(1e-2);
      expect(['add', 'sub', 'mul']).toContain(p['task.operation']);
    }
  });

  it('bad specs fail before anything runs, naming the path', () => {
    expect(() => expandSweep(spec({ parameters: { 'optimizer.weightDecy': { values: [1] } } }), presets)).toThrow(
      /spec.parameters: "optimizer.weightDecy" is not a field/,
    );
    expect(() => expandSweep(spec({ parameters: { 'task.trainFraction': { values: [0.5, 2] } } }), presets)).toThrow(/config\.task\.trainFraction/);
    expect(() => spec({ method: 'random' })).toThrow(/spec\.count: method "random" needs count/);
    expect(() => spec({ parameters: { 'task.p': { min: 5, max: 3, count: 2 } } })).toThrow(/max must be ≥ min/);
    expect(() => spec({ parameters: { 'task.p': { from: 1 } } })).toThrow(/expected \{values: \[...\]\}/);
    expect(() => spec({ preset: 'nope' }) && expandSweep(spec({ preset: 'nope' }))).toThrow(/unknown preset "nope"/);
    const dir = mkdtempSync(join(tmpdir(), 'groklab-spec-'));
    writeFileSync(join(dir, 's.yaml'), 'name: [unclosed');
    expect(() => loadSweepSpec(join(dir, 's.yaml'))).toThrow(/does not parse/);
  });
});

describe('summaries', () => {
  it('CSV quotes what needs quoting', () => {
    expect(
      toCsv([
        { a: 1, b: 'x,y' },
        { a: null, b: 'say "hi"' },
      ]),
    ).toBe('a,b\n1,"x,y"\n,"say ""hi"""\n');
  });
});

describe('local execution', () => {
  it('runs every run once in parallel, and a re-run recomputes nothing', async () => {
    const s = spec();
    const runs = expandSweep(s, presets);
    const dir = SweepDir.prepare(join(mkdtempSync(join(tmpdir(), 'groklab-sweep-')), 'sweep'), s, runs);
    // The runs of a training fraction differ only in weight decay and seed: each group of four trains as one ensemble, one per worker.
    const ids = runs.map((r) => r.id);
    expect(workUnits(dir, ids, 2).map((u) => u.ids.map((id) => ids.indexOf(id)))).toEqual([
      [0, 1, 4, 5],
      [2, 3, 6, 7],
    ]);
    const seen: SweepProgress[] = [];
    const first = await trainMany(
      dir,
      runs.map((r) => r.id),
      { workers: 2, onProgress: (p) => seen.push(p) },
    );
    expect(first.summaries.size).toBe(8);
    expect(Math.max(...seen.map((p) => p.running))).toBe(8);
    // The work in member-steps: 8 runs of 60 steps, all done at the end, never counted down.
    expect(seen[0].work).toEqual({ done: 0, total: 480 });
    expect(seen.at(-1)?.work).toEqual({ done: 480, total: 480 });
    expect(seen.every((p, i) => i === 0 || p.work!.done >= seen[i - 1].work!.done)).toBe(true);
    for (const r of runs) expect(dir.state(r.id)).toBe('done');
    // Two long-lived child processes trained the eight runs.
    const pids = new Set(runs.map((r) => JSON.parse(readFileSync(join(dir.runPath(r.id), 'meta.json'), 'utf8')).pid));
    expect(pids.size).toBe(2);
    expect(pids.has(process.pid)).toBe(false);
    const mtime = readFileSync(join(dir.runPath(runs[0].id), 'metrics.jsonl'), 'utf8');
    const again = await trainMany(
      dir,
      runs.map((r) => r.id),
      { workers: 2 },
    );
    expect(again.summaries.size).toBe(8);
    expect(readFileSync(join(dir.runPath(runs[0].id), 'metrics.jsonl'), 'utf8')).toBe(mtime);
    const rows = runRows(dir);
    expect(rows.length).toBe(8);
    const groups = groupRows(rows, Object.keys(s.parameters));
    expect(groups.length).toBe(4);
    expect(groups[0].seeds).toBe(2);
    expect(typeof groups[0].final_train_acc_mean).toBe('number');
    expect(() => SweepDir.prepare(dir.path, spec({ seeds: 3 }), runs)).toThrow(/holds a different sweep/);
    expect(existsSync(join(dir.path, 'index.json'))).toBe(true);
    // One worker trains in this process: the same logs, bit for bit (wall-clock times aside).
    const inProcess = SweepDir.prepare(join(dir.path, '..', 'one-worker'), s, runs.slice(0, 2));
    await trainMany(inProcess, [runs[0].id, runs[1].id], { workers: 1 });
    const lines = (d: SweepDir, id: string) => readFileSync(join(d.runPath(id), 'metrics.jsonl'), 'utf8').replace(/"wall_s":[^,}]*/g, '');
    for (const r of runs.slice(0, 2)) expect(lines(inProcess, r.id)).toBe(lines(dir, r.id));
  });

  it('estimation runs that differ only in α, β and seed train as one ensemble per worker, each member as it trains alone', async () => {
    const s = parseSweepSpec({
      name: 'grid',
      // a small sparse recovery (ℓ1 subgradient descent), the setup of Tikeng Notsawo et al. Fig. 3
      config: {
        task: { name: 'sparse-recovery', n: 30, s: 2, N: 12, designVariance: '1/N', coherence: 0, snr: 1e8, seed: 0 },
        model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
        optimizer: {
          name: 'chain',
          transforms: [
            { name: 'addL1Subgradient', beta: 1e-5 },
            { name: 'sgd', lr: 0.1 },
          ],
        },
        training: { steps: 2000, batchSize: 'full', dtype: 'float64', evalsPerDecade: 20, checkpointEvery: 1000, earlyStop: null },
        detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
      },
      method: 'grid',
      seeds: 2,
      parameters: { 'optimizer.transforms.0.beta': { values: [1e-4, 1e-3] }, 'optimizer.transforms.1.lr': { values: [0.05, 0.1] } },
    });
    const runs = expandSweep(s);
    expect(runs[0].config.optimizer).toMatchObject({ transforms: [{ beta: 1e-4 }, { lr: 0.05 }] });
    const ids = runs.map((r) => r.id);
    const dir = SweepDir.prepare(join(mkdtempSync(join(tmpdir(), 'groklab-sweep-')), 'grid'), s, runs);
    expect(workUnits(dir, ids, 2).map((u) => [u.ids.length, u.steps])).toEqual([
      [4, 2000],
      [4, 2000],
    ]);
    const seen: number[] = [];
    const result = await trainMany(dir, ids, { workers: 2, onProgress: (p) => seen.push(p.running) });
    expect(result.summaries.size).toBe(8);
    expect(Math.max(...seen)).toBe(8);
    const member = runs[6];
    const alone = await train(setupRun(member.config), { onEvent: () => {}, saveCheckpoint: () => '', stopRequested: () => false });
    const logged = RunDir.open(dir.runPath(member.id))
      .readEvents()
      .filter((e): e is EvalEvent => e.event === 'eval');
    expect(logged.map((e) => e.step)).toEqual(alone.evals.map((e) => e.step));
    logged.forEach((e, i) => expect(e.metrics.test_error).toBeCloseTo(alone.evals[i].metrics.test_error, 10));
  });
});
