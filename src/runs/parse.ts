import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Reads and validates a JSON file of a run; a damaged file is an error naming it and the field. */
export function parseJsonFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const result = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`${file}: not a groklab file of this version (${problems})`);
  }
  return result.data;
}
