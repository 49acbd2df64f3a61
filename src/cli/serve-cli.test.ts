// `groklab serve` and `groklab export html` through the real binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFakeReport, writeFakeRun } from '../serve/testing.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const groklab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('groklab serve / export html', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-serve-cli-'));
  writeFakeRun(join(root, 'run'), 30);
  writeFakeReport(join(root, 'rep'));

  it('serves the store on 127.0.0.1, prints the URL, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => resolve(d.toString().trim()));
      child.on('exit', () => reject(new Error(stderr)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stderr).toContain('1 runs, 0 sweeps, 1 reproductions');
    const store = (await (await fetch(`${url}api/store`)).json()) as { runs: { id: string }[] };
    expect(store.runs.map((r: { id: string }) => r.id)).toEqual(['run']);
    const code = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await code).toBe(0);
  });

  it('bad input: exit code 2 naming the option', () => {
    const cases: [string[], RegExp][] = [
      [['serve', join(root, 'missing')], /serve: .*missing is not a directory/],
      [['serve', root, '--host', '0.0.0.0', '--token', 'short'], /--token: at least 16 characters/],
      [['export', 'html', root, '--out', join(root, 'x.html')], /export html: .* is not a run, sweep or reproduction directory/],
    ];
    for (const [args, pattern] of cases) {
      const r = groklab(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
    }
    expect(existsSync(join(root, 'x.html'))).toBe(false);
  });

  it('export html writes one file with the data, the code and the figures inline', () => {
    mkdirSync(join(root, 'out'));
    for (const [target, kind] of [
      ['run', 'run'],
      ['rep', 'report'],
    ] as const) {
      const out = join(root, 'out', `${target}.html`);
      const r = groklab(['export', 'html', join(root, target), '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      const html = readFileSync(out, 'utf8');
      expect(html).toContain(`{"kind":"${kind}"`);
      // nothing loaded from elsewhere: no src= or href= but data: URLs
      expect(html.match(/(?:src|href)="(?!data:)[^"]*"/g)).toBeNull();
      expect(html).toContain('<script type="module">');
    }
    expect(readFileSync(join(root, 'out', 'rep.html'), 'utf8')).toContain('data:image/png;base64,');
  });
});
