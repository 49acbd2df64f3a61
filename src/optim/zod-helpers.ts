// Zod building blocks with error messages that name what is allowed, for the registry schemas.
import { z } from 'zod';

const quote = (values: readonly PropertyKey[]) => values.map((v) => JSON.stringify(v)).join(' | ');

/** A strict object: an unknown key is rejected with the list of keys that are allowed. */
export function strictObject<S extends z.ZodRawShape>(what: string, shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key ${quote(issue.keys)} in ${what}; allowed: ${allowed}` : undefined),
  });
}

/** The error option of a discriminated union: an unknown tag lists the allowed tags. */
export function unknownTag(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union' || !('options' in issue) || !Array.isArray(issue.options)) return undefined;
  return `expected one of ${quote(issue.options as PropertyKey[])}`;
}

/** Turns zod issues into one line each, `path.to[0].field: message`, under a root path. */
export function formatIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), root);
      return `${path}: ${issue.message}`;
    })
    .join('\n');
}
