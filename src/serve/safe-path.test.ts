import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRoots } from './catalog.js';
import { decodeSegments, resolveUnder } from './safe-path.js';

describe('files under a root', () => {
  const base = mkdtempSync(join(tmpdir(), 'groklab-safe-'));
  const rootDir = join(base, 'root');
  mkdirSync(join(rootDir, 'rep'), { recursive: true });
  writeFileSync(join(rootDir, 'rep', 'fig.png'), 'png');
  writeFileSync(join(rootDir, 'rep', 'secret.key'), 'no');
  writeFileSync(join(base, 'outside.png'), 'outside');
  symlinkSync(join(base, 'outside.png'), join(rootDir, 'rep', 'escape.png'));
  symlinkSync(base, join(rootDir, 'up'));
  const [root] = makeRoots([rootDir]);

  it('serves a figure inside the root', () => {
    expect(resolveUnder(root, decodeSegments('rep/fig.png')!)).toMatch(/rep\/fig\.png$/);
  });

  it('refuses "..", ".", empty and encoded separators or traversal', () => {
    for (const raw of [
      '../outside.png',
      'rep/../../outside.png',
      '%2e%2e/outside.png',
      '..%2foutside.png',
      'rep%2f..%2f..%2foutside.png',
      'rep//fig.png',
      './rep/fig.png',
      'rep/fig.png%00',
      '%E0%A4%A',
    ]) {
      expect(decodeSegments(raw), raw).toBeNull();
    }
  });

  it('refuses a symlink that leads out of the root, and files of other types', () => {
    expect(resolveUnder(root, ['rep', 'escape.png'])).toBeNull();
    expect(resolveUnder(root, ['up', 'outside.png'])).toBeNull();
    expect(resolveUnder(root, ['rep', 'secret.key'])).toBeNull();
    expect(resolveUnder(root, ['rep', 'missing.png'])).toBeNull();
  });
});
