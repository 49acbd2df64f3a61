import type { Command } from 'commander';
import { resolveConfig } from '../../config/resolve.js';
import { UsageError } from '../../errors.js';
import { withInterrupt } from '../../train/interrupt.js';
import { runEnsemble, trainsTogetherKey } from '../../train/ensemble.js';
import { progressListener } from '../progress.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readConfig(path: string) {
  try {
    return resolveConfig({ configFile: path }).config;
  } catch (error) {
    throw new UsageError(`--config ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function registerEnsemble(program: Command): void {
  program
    .command('ensemble')
    .description(
      'train runs that differ only in seed, init scale (ζ, α) and optimizer hyper-parameters together: estimation runs (sparse recovery, matrix completion, matrix sensing) as ONE batched computation, network runs in one process on one dataset; one run directory each',
    )
    .option('--config <file>', "a member's JSON config (repeatable, paired in order with --out)", collect, [])
    .option('--out <dir>', "that member's run directory (repeatable)", collect, [])
    .option('--json', "print the members' summaries as a JSON array, the last line of stdout")
    .action(async (opts: { config: string[]; out: string[]; json?: boolean }) => {
      if (opts.config.length === 0) throw new UsageError('--config: give at least one member (--config FILE --out DIR, repeated)');
      if (opts.config.length !== opts.out.length)
        throw new UsageError(`--config and --out pair up: got ${opts.config.length} configs and ${opts.out.length} directories`);
      const configs = opts.config.map(readConfig);
      const keys = configs.map(trainsTogetherKey);
      const other = keys.indexOf(null);
      if (other >= 0)
        throw new UsageError(
          `--config ${opts.config[other]}: task "${configs[other].task.name}" trains neither a network nor an estimator; train it with groklab train`,
        );
      const differs = keys.findIndex((k) => k !== keys[0]);
      if (differs >= 0)
        throw new UsageError(
          `--config ${opts.config[differs]} differs from ${opts.config[0]} in more than seed, model.initScale and optimizer hyper-parameters; train it separately`,
        );
      const progress = progressListener(configs[0].training.steps, { mayStopEarly: configs.some((c) => c.training.earlyStop !== null) });
      const summaries = await withInterrupt((stopRequested) =>
        runEnsemble(
          configs.map((config, e) => ({ config, out: opts.out[e] })),
          { onStep: (step) => progress({ event: 'step', step, loss: NaN }), stopRequested },
        ),
      );
      const counts = new Map<string, number>();
      for (const s of summaries) counts.set(s.outcome, (counts.get(s.outcome) ?? 0) + 1);
      process.stderr.write(`\n${summaries.length} runs trained together: ${[...counts].map(([o, n]) => `${n} ${o}`).join(' · ')}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(summaries)}\n`);
      process.exitCode = summaries.some((s) => s.status === 'interrupted') ? 130 : summaries.some((s) => s.status === 'diverged') ? 1 : 0;
    });
}
