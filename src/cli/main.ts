#!/usr/bin/env node
// The groklab command line: a thin layer that parses, validates and calls the library.
// Exit codes: 0 success, 1 a failed run or a machine that cannot (disk, permission, memory),
// 2 bad input, 130 interrupted.
import { Command, CommanderError } from 'commander';
import { backendChoice } from '../kernels/index.js';
import { EnvironmentError, Interrupted, UsageError } from '../errors.js';
import { fileSystemReason } from '../runs/files.js';
import { RunFailed } from '../sweep/run-failed.js';
import { GROKLAB_VERSION } from '../version.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerEnsemble } from './commands/ensemble.js';
import { registerExport } from './commands/export.js';
import { registerInspect } from './commands/inspect.js';
import { registerReproduce } from './commands/reproduce.js';
import { registerServe } from './commands/serve.js';
import { registerSweep } from './commands/sweep.js';
import { registerTrain } from './commands/train.js';
import { registerWorker } from './commands/worker.js';

// A reader that stops early (`groklab presets | head`) closes the pipe: that ends the command
// quietly, as it would for any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const program = new Command('groklab')
  .description('A laboratory for grokking: delayed generalization, reproduced and measured.')
  .version(GROKLAB_VERSION)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('info')
  .description('print the kernel backend in use and why')
  .action(() => {
    const { backend, reason } = backendChoice();
    process.stdout.write(`groklab ${GROKLAB_VERSION}\nbackend: ${backend.name} (${reason})\nnode: ${process.version}\n`);
  });
registerTrain(program);
registerEnsemble(program);
registerInspect(program);
registerAnalyze(program);
registerExport(program);
registerSweep(program);
registerWorker(program);
registerReproduce(program);
registerServe(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`groklab: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof Interrupted) {
    process.stderr.write(`groklab: ${error.message}\n`);
    process.exitCode = 130;
  } else if (error instanceof RunFailed || error instanceof EnvironmentError) {
    process.stderr.write(`groklab: ${error.message}\n`);
    process.exitCode = 1;
  } else if (fileSystemReason(error) !== null) {
    // The machine, not the input: a full disk, a file that vanished, a permission lost mid-run.
    const { path, syscall } = error as NodeJS.ErrnoException;
    process.stderr.write(`groklab: ${path ? `${path}: ` : ''}${fileSystemReason(error)}${syscall ? ` (${syscall})` : ''}\n`);
    process.exitCode = 1;
  } else if (error instanceof RangeError && /allocation failed|Invalid typed array length|Array buffer/i.test(error.message)) {
    process.stderr.write(`groklab: out of memory (${error.message})\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`groklab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
