import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./build-unless-fresh.mjs', import.meta.url));

describe('build-unless-fresh', () => {
  it('builds when the artifact is missing or a source changed, and skips otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groklab-fresh-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.c'), 'int a;');
    // The "build" appends a line to a log and writes the artifact.
    const build = `require('fs').appendFileSync('log', 'built\\n'); require('fs').writeFileSync('out.bin', 'x')`;
    const run = () => spawnSync(process.execPath, [script, 'out.bin', 'src', '--', process.execPath, '-e', build], { cwd: dir, encoding: 'utf8' });
    const builds = () => readFileSync(join(dir, 'log'), 'utf8').split('\n').filter(Boolean).length;
    expect(run().status).toBe(0);
    expect(builds()).toBe(1);
    const skipped = run();
    expect(skipped.stdout).toMatch(/out\.bin is up to date/);
    expect(builds()).toBe(1);
    writeFileSync(join(dir, 'src', 'a.c'), 'int a = 1;');
    run();
    expect(builds()).toBe(2);
    writeFileSync(join(dir, 'src', 'b.h'), '#pragma once');
    run();
    expect(builds()).toBe(3);
  });

  it('passes a failed build through and retries it next time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groklab-fresh-'));
    writeFileSync(join(dir, 'a.c'), 'int a;');
    const failing = spawnSync(process.execPath, [script, 'out.bin', 'a.c', '--', process.execPath, '-e', 'process.exit(3)'], { cwd: dir });
    expect(failing.status).toBe(3);
    const next = spawnSync(process.execPath, [script, 'out.bin', 'a.c', '--', process.execPath, '-e', "require('fs').writeFileSync('out.bin', 'x')"], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(next.status).toBe(0);
    expect(next.stdout).not.toMatch(/up to date/);
  });
});
