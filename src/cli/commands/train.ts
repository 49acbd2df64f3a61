import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../../config/resolve.js';
import { DEFAULT_PRESET, PRESETS } from '../../papers/presets.js';
import { resumeRun, startRun } from '../../train/run.js';
import type { Summary } from '../../runs/summary.js';
import { plotRun } from '../plot-run.js';
import { progressListener } from '../progress.js';
import { integer } from '../parse.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A fresh directory under runs/ named after the preset and the time. */
function defaultOut(preset: string | null): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = join('runs', `${preset ?? 'custom'}-${stamp}`);
  let out = base;
  for (let i = 2; existsSync(out); i++) out = `${base}-${i}`;
  return out;
}

/** The curves of a run, or why there are none (a run that diverged before its first evaluation after step 0). */
async function curves(dir: string): Promise<string> {
  try {
    return `curves: ${(await plotRun(dir)).pngPath} (and .svg)`;
  } catch (error) {
    return `curves: not drawn (${(error as Error).message})`;
  }
}

async function report(dir: string, summary: Summary, json: boolean): Promise<void> {
  const lines = [
    `run directory: ${dir}`,
    `outcome: ${summary.outcome} · t_mem ${summary.t_mem ?? 'not reached'} · t_gen ${summary.t_gen ?? 'not reached'} · ${summary.steps_per_s.toFixed(1)} steps/s`,
    await curves(dir),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = summary.status === 'diverged' ? 1 : summary.status === 'interrupted' ? 130 : 0;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train one run from a preset and/or a config file; writes a run directory and its curves')
    .option('--preset <name>', 'start from this preset (default: mod97-mlp-adamw unless --config is given); see `groklab presets`')
    .option('--config <file>', 'a JSON config (merged over the preset when both are given)')
    .option('--set <key.path=value>', 'override one field, e.g. --set optimizer.weightDecay=0 (repeatable)', collect, [])
    .option('--steps <n>', 'training steps (training.steps)', integer('--steps', 1))
    .option('--seed <n>', 'seed of the initialization and minibatches (training.seed)', integer('--seed', 0))
    .option('--out <dir>', 'run directory (must not hold another run; default runs/<preset>-<time>)')
    .option('--json', 'print summary.json as the last line of stdout')
    .action(async (opts: { preset?: string; config?: string; set: string[]; steps?: number; seed?: number; out?: string; json?: boolean }) => {
      const { config, preset } = resolveConfig({
        preset: opts.preset ?? (opts.config ? undefined : DEFAULT_PRESET),
        presets: PRESETS,
        configFile: opts.config,
        sets: opts.set,
        steps: opts.steps,
        seed: opts.seed,
      });
      const out = opts.out ?? defaultOut(preset);
      const { summary } = await startRun(config, out, preset, {
        listeners: [
          progressListener(config.training.steps, {
            watch: [config.detection.trainMetric, config.detection.testMetric],
            mayStopEarly: config.training.earlyStop !== null,
          }),
        ],
      });
      await report(out, summary, opts.json === true);
    });

  program
    .command('resume')
    .description('continue an interrupted or killed run from its newest checkpoint')
    .argument('<dir>', 'the run directory')
    .option('--json', 'print summary.json as the last line of stdout')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { summary } = await resumeRun(dir, { listeners: [] });
      await report(dir, summary, opts.json === true);
    });
}
