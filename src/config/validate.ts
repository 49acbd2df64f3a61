// A config as plain JSON → a validated RunConfig, every problem named by its field path.
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { runConfigSchema, type RunConfig } from './schema.js';

/** zod issues as one line each: `model.heads: must divide dModel`. */
export function formatIssues(error: z.ZodError, root = 'config'): string {
  return error.issues
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].join('.');
      const extra = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
      return `${path}: ${issue.message}${extra}`;
    })
    .join('\n');
}

export function validateConfig(value: unknown): RunConfig {
  const result = runConfigSchema.safeParse(value);
  if (!result.success) throw new UsageError(formatIssues(result.error));
  return result.data;
}
