// A file named by a request, resolved only if it lies under a root: every segment is decoded
// once and must be a plain name (no "..", ".", empty, slash, backslash or NUL, so no encoded
// traversal either), and the file's real path, symlinks resolved, must stay inside the root's.
import { realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Root } from './catalog.js';

/** Figures and data a page may show; anything else is not served. */
export const SERVED_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export function decodeSegments(raw: string): string[] | null {
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
    segments.push(name);
  }
  return segments;
}

/** The real path of a servable file under `root`, or null. */
export function resolveUnder(root: Root, segments: string[]): string | null {
  const ext = segments
    .at(-1)
    ?.match(/\.[a-z]+$/i)?.[0]
    .toLowerCase();
  if (!ext || !(ext in SERVED_TYPES)) return null;
  let real: string;
  try {
    real = realpathSync(join(root.path, ...segments));
    if (!statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  return real.startsWith(root.real + sep) ? real : null;
}
