import { InvalidArgumentError } from 'commander';

/** A commander parser for an integer option with a lower bound, naming the option on error. */
export function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got "${value}"`);
    return n;
  };
}
