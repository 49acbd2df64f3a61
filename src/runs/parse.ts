import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UsageError } from '../errors.js';

/** Reads a JSON file of a run; one that cannot be read or parsed is a usage error naming it. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: damaged, not valid JSON (${(error as Error).message})`);
  }
}

/** Reads and validates a JSON file of a run; a damaged file is a usage error naming it and the field. */
export function parseJsonFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const result = schema.safeParse(readJson(file));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new UsageError(`${file}: not a groklab file of this version (${problems})`);
  }
  return result.data;
}
