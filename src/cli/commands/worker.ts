import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { withStopSignal } from '../../sweep/stop-signal.js';
import { integer } from '../parse.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('train the runs of sweeps enqueued with `groklab sweep SPEC --queue URL`, until Ctrl-C or SIGTERM')
    .requiredOption('--queue <url>', 'the Redis server holding the queue (redis://HOST:PORT, rediss:// for TLS)')
    .option(
      '--concurrency <n>',
      'runs at a time on this machine, in as many long-lived child processes (default: the number of cores)',
      integer('--concurrency', 1),
    )
    .addHelpText(
      'after',
      [
        '',
        'Every worker must see the sweep directories at the same absolute paths (a shared filesystem).',
        'A worker that dies loses nothing: its runs go back to the queue within about 30 s and',
        'another worker resumes them from their newest checkpoint. Ctrl-C or SIGTERM stops the',
        'worker cleanly: its runs save a checkpoint and go back to the queue (exit code 0).',
      ].join('\n'),
    )
    .action(async (opts: { queue: string; concurrency?: number }) => {
      const { startWorker } = await import('../../sweep/queue.js');
      await withStopSignal((signal) =>
        startWorker(opts.queue, {
          concurrency: opts.concurrency ?? availableParallelism(),
          log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
          signal,
        }),
      );
    });
}
