#!/usr/bin/env node
// The groklab command line: a thin layer that parses, validates and calls the library.
import { Command, InvalidArgumentError } from 'commander';
import { backendChoice } from '../kernels/index.js';
import { runDemo } from './demo.js';

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got "${value}"`);
    return n;
  };
}

function fraction(value: string): number {
  const f = Number(value);
  if (!(f > 0 && f < 1)) throw new InvalidArgumentError(`--train-fraction must be a number in (0, 1), got "${value}"`);
  return f;
}

const program = new Command('groklab').description('A laboratory for grokking: delayed generalization, reproduced and measured.');

program
  .command('info')
  .description('print the kernel backend in use and why')
  .action(() => {
    const { backend, reason } = backendChoice();
    console.log(`backend: ${backend.name} (${reason})`);
    console.log(`node: ${process.version}`);
  });

program
  .command('demo')
  .description('train the mod-97 addition MLP (AdamW, weight decay 1) and print train/test accuracy')
  .option('--steps <n>', 'full-batch training steps', integer('--steps', 1), 300)
  .option('--train-fraction <f>', 'fraction of the 97² pairs used for training', fraction, 0.3)
  .option('--seed <n>', 'seed for the split and the initialization', integer('--seed', 0), 0)
  .action((opts: { steps: number; trainFraction: number; seed: number }) => runDemo({ ...opts, log: (line) => console.log(line) }));

program.parseAsync().catch((error: unknown) => {
  console.error(`groklab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
