// `groklab reproduce --list`: one line per reproduction, its status read from the last full
// report under --out; quick reports do not count.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { REPRODUCTIONS } from '../papers/index.js';
import type { Report } from '../papers/report.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const groklab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

function writeReport(root: string, name: string, quick: boolean, status: Report['status']) {
  mkdirSync(join(root, name), { recursive: true });
  const report: Report = {
    name,
    title: name,
    source: '',
    quick,
    status,
    command: '',
    started: '2026-12-03T09:00:00.000Z',
    wall_s: 12,
    backend: 'js',
    comparisons: [
      {
        quantity: 'final error: exponent of α',
        paper: '+1',
        measured: '0.07 ± 0.02',
        tolerance: 'CI',
        verdict: 'contradicted',
        note: 'final error ∝ α^0.07·β^1.00',
      },
    ],
    plots: [],
    runs: [],
    notes: [],
  };
  writeFileSync(join(root, name, 'report.json'), JSON.stringify(report));
}

const root = mkdtempSync(join(tmpdir(), 'groklab-list-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('reproduce --list: a status per reproduction from the full reports under --out, "not run" elsewhere', () => {
  writeReport(root, 'tikeng-fig4-alpha-beta', false, 'partial');
  writeReport(root, 'tikeng-fig3-sparse-l1', true, 'reproduced');
  const r = groklab(['reproduce', '--list', '--out', root]);
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(REPRODUCTIONS.length);
  const status = Object.fromEntries(lines.map((l) => l.trim().split(/\s{2,}/)));
  expect(status['tikeng-fig4-alpha-beta']).toBe('partial');
  expect(status['tikeng-fig3-sparse-l1']).toBe('not run');
  expect(new Set(Object.values(status))).toEqual(new Set(['partial', 'not run']));
  const md = groklab(['reproduce', '--list', '--markdown', '--out', root]);
  expect(md.stdout).toContain(
    '| `tikeng-fig4-alpha-beta` | partial | final error: exponent of α: not reproduced: the data show final error ∝ α^0.07·β^1.00 | 2026-12-03, 12 s |',
  );
  const bad = groklab(['reproduce', '--markdown']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('--markdown goes with --list');
});
