// The CLI through the real binary (dist/cli/main.js, built by `npm test`'s pretest step).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../papers/index.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function groklab(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tiny = ['--set', 'task.p=11', '--set', 'model.embedDim=8', '--set', 'model.hidden=[16]', '--steps', '30'];

describe('groklab CLI', () => {
  it('--help lists the commands; every command has --help', () => {
    const top = groklab(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['train', 'resume', 'presets', 'runs', 'plot', 'info']) expect(top.stdout).toContain(c);
    for (const c of [['train'], ['resume'], ['presets'], ['runs', 'ls'], ['runs', 'show'], ['plot']]) {
      const r = groklab([...c, '--help']);
      expect(r.code, c.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: groklab');
    }
  });

  it('train --json ends stdout with the summary and writes the run directory', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'groklab-cli-')), 'run');
    const r = groklab(['train', ...tiny, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['status', 'steps', 't_mem', 't_gen', 'delay', 'ratio', 'outcome', 'final', 'wall_s', 'steps_per_s']),
    );
    expect(summary.status).toBe('completed');
    expect(summary.steps).toBe(30);
    expect(typeof summary.final.train_acc).toBe('number');
    for (const f of ['config.json', 'meta.json', 'metrics.jsonl', 'summary.json', 'curves.svg', 'curves.png']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ seed: 0, status: 'completed', dtype: 'float32' });
    expect(r.stderr).toContain(`run directory: ${out}`);
  });

  it('bad input: one line naming the field, exit code 2, nothing written', () => {
    const root = mkdtempSync(join(tmpdir(), 'groklab-bad-'));
    const cases: [string[], RegExp][] = [
      [['train', '--preset', 'nope'], /unknown preset "nope"; allowed: mod97-mlp-adamw/],
      [['train', '--set', 'task.bogus=1'], /config\.task: .*bogus/],
      [['train', '--set', 'task.trainFraction=0'], /config\.task\.trainFraction/],
      [['train', '--set', 'task.operation=div', '--set', 'task.p=12'], /config\.task\.p: must be prime/],
      [['train', '--set', 'model.hidden="wide"'], /config\.model\.hidden/],
      [['train', '--steps', 'ten'], /--steps must be an integer/],
      [['train', '--config', join(root, 'missing.json')], /--config: cannot read/],
    ];
    for (const [args, pattern] of cases) {
      const r = groklab([...args, '--out', join(root, 'x')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      expect(r.stderr.trim().split('\n').length, r.stderr).toBeLessThanOrEqual(2);
    }
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses an output directory that holds another run, leaving it untouched', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'groklab-twice-')), 'run');
    expect(groklab(['train', ...tiny, '--out', out]).code).toBe(0);
    const before = readFileSync(join(out, 'metrics.jsonl'), 'utf8');
    const r = groklab(['train', ...tiny, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds another run/);
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8')).toBe(before);
  });

  it('a run whose loss turns NaN ends as diverged, says where, keeps its log, exits 1', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'groklab-nan-')), 'run');
    const r = groklab(['train', ...tiny, '--set', 'optimizer.lr=1e30', '--out', out, '--json']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(summary.status).toBe('diverged');
    expect(summary.reason).toMatch(/at step \d+/);
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8')).toContain('"event":"eval"');
    // its figure says it diverged and why, rather than an outcome of the steps before
    const svg = readFileSync(join(out, 'curves.svg'), 'utf8');
    expect(svg).toContain('· diverged');
    expect(svg).toContain(summary.reason);
  });

  it('presets, runs ls, runs show and plot', () => {
    expect(groklab(['presets']).stdout).toContain('nanda-p113');
    const root = mkdtempSync(join(tmpdir(), 'groklab-ls-'));
    expect(groklab(['train', ...tiny, '--out', join(root, 'a')]).code).toBe(0);
    writeFileSync(join(root, 'not-a-run.txt'), 'x');
    const ls = groklab(['runs', 'ls', root]);
    expect(ls.stdout).toMatch(/a\s+mod97-mlp-adamw\s+completed\s+30/);
    const show = JSON.parse(groklab(['runs', 'show', join(root, 'a')]).stdout);
    expect(show.meta.status).toBe('completed');
    expect(show.config.task.p).toBe(11);
    const plot = groklab(['plot', join(root, 'a'), '--out', join(root, 'again')]);
    expect(plot.code).toBe(0);
    expect(existsSync(join(root, 'again.png'))).toBe(true);
    expect(groklab(['runs', 'show', join(root, 'nothing')]).code).toBe(2);
  });

  it('ensemble trains estimation runs together and refuses anything else, naming the file', () => {
    const root = mkdtempSync(join(tmpdir(), 'groklab-ens-'));
    const sparse = (beta: number) => {
      const file = join(root, `beta-${beta}.json`);
      const config = {
        task: { name: 'sparse-recovery', n: 20, s: 2, N: 8, designVariance: '1/N', coherence: 0, snr: null, seed: 0 },
        model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
        optimizer: {
          name: 'chain',
          transforms: [
            { name: 'addL1Subgradient', beta },
            { name: 'sgd', lr: 0.1 },
          ],
        },
        training: { steps: 500, batchSize: 'full', dtype: 'float64', evalsPerDecade: 5, checkpointEvery: 250, earlyStop: null, seed: 0 },
        detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
      };
      writeFileSync(file, JSON.stringify(config));
      return file;
    };
    const r = groklab(['ensemble', '--config', sparse(1e-4), '--out', join(root, 'a'), '--config', sparse(1e-3), '--out', join(root, 'b'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summaries = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(summaries.map((s: { steps: number }) => s.steps)).toEqual([500, 500]);
    for (const d of ['a', 'b']) expect(existsSync(join(root, d, 'summary.json'))).toBe(true);
    const modular = join(root, 'modular.json');
    writeFileSync(modular, JSON.stringify(PRESETS['mod97-mlp-adamw'].config));
    const mixed = groklab(['ensemble', '--config', sparse(1e-4), '--out', join(root, 'c'), '--config', modular, '--out', join(root, 'c2')]);
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringMatching(/modular\.json differs from .*beta-0\.0001\.json in more than seed/)]);
    const linear = join(root, 'linear.json');
    writeFileSync(linear, JSON.stringify(PRESETS['miller-linear'].config));
    const bad = groklab(['ensemble', '--config', linear, '--out', join(root, 'c')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/linear\.json: task "linear-regression" trains neither a network nor an estimator/);
    expect(groklab(['ensemble', '--config', sparse(1e-4), '--out', join(root, 'd'), '--out', join(root, 'e')]).stderr).toMatch(
      /--config and --out pair up: got 1 configs and 2/,
    );
    expect(existsSync(join(root, 'c'))).toBe(false);
    const none = groklab(['ensemble']);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/--config: give at least one member/)]);
  });
});
