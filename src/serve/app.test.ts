// The dashboard over HTTP: what it serves, to whom, and what it refuses.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from './server.js';
import { writeFakeReport, writeFakeRun } from './testing.js';

/** One request exactly as written (no client-side path normalization); resolves with the status. */
function rawStatus(port: number, path: string, host = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let head = '';
    socket.on('data', (d) => (head += d.toString()));
    socket.on('end', () => resolve(Number(head.split(' ')[1])));
    socket.on('error', reject);
  });
}

const base = mkdtempSync(join(tmpdir(), 'groklab-app-'));
const root = join(base, 'store');
writeFileSync(join(base, 'secret.png'), 'outside the root');

describe('groklab serve over HTTP', () => {
  let dash: Dashboard;
  let port: number;
  beforeAll(async () => {
    writeFakeRun(join(root, 'runs', 'a'), 20);
    writeFakeReport(join(root, 'rep'));
    symlinkSync(join(base, 'secret.png'), join(root, 'rep', 'link.png'));
    dash = await startDashboard({ roots: [root], port: 0 });
    port = Number(new URL(dash.url).port);
  });
  afterAll(() => dash.close());

  it('binds 127.0.0.1 by default and needs no token there', async () => {
    expect(dash.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(dash.token).toBeNull();
    const r = await fetch(`${dash.url}api/store`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { runs: { id: string }[] }).runs.map((x) => x.id)).toEqual(['runs/a']);
  });

  it('sends a strict Content-Security-Policy and a page with no inline script', async () => {
    const r = await fetch(dash.url);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await r.text();
    expect(html).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    expect((await fetch(`${dash.url}assets/app.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('serves a report’s figure and nothing outside the root: traversal, encoded traversal, symlinks', async () => {
    const report = (await (await fetch(`${dash.url}api/report?id=rep`)).json()) as { figures: unknown };
    expect(report.figures).toEqual([{ name: 'figure.png', url: '/files/0/rep/figure.png' }]);
    expect((await fetch(`${dash.url}files/0/rep/figure.png`)).status).toBe(200);
    for (const path of [
      '/files/0/../secret.png',
      '/files/0/rep/../../secret.png',
      '/files/0/%2e%2e/secret.png',
      '/files/0/%2E%2E/%2E%2E/etc/passwd',
      '/files/0/..%2fsecret.png',
      '/files/0/rep%2f..%2f..%2fsecret.png',
      '/files/0/..%5csecret.png',
      '/files/0/%252e%252e/secret.png',
      '/files/0/rep/link.png',
      '/files/1/secret.png',
      '/files/0/runs/a/checkpoints',
      '/files/0//etc/passwd',
    ]) {
      const status = await rawStatus(port, path);
      expect([400, 403, 404], path).toContain(status);
    }
    expect(await rawStatus(port, '/api/run?id=..%2Fsecret')).toBe(404);
  });

  it('is read-only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect((await fetch(`${dash.url}api/store`, { method })).status, method).toBe(405);
  });

  it('refuses a request that names another host (DNS rebinding)', async () => {
    expect(await rawStatus(port, '/api/store', 'attacker.example:80')).toBe(403);
    expect(await rawStatus(port, '/api/store', `localhost:${port}`)).toBe(200);
  });
});

describe('groklab serve on a non-loopback address', () => {
  it('requires the token on every request, generated when not given', async () => {
    const dash = await startDashboard({ roots: [root], host: '0.0.0.0', port: 0 });
    try {
      expect(dash.token).toMatch(/^[\w-]{32}$/);
      expect(dash.openUrl).toContain(`?token=${dash.token}`);
      const local = dash.url.replace('0.0.0.0', '127.0.0.1');
      for (const path of ['', 'api/store', 'assets/app.js', 'api/events', 'files/0/rep/figure.png']) {
        expect((await fetch(`${local}${path}`)).status, path).toBe(401);
      }
      expect((await fetch(`${local}api/store?token=wrong-token-of-some-length`)).status).toBe(401);
      expect((await fetch(`${local}api/store`, { headers: { authorization: `Bearer ${dash.token}` } })).status).toBe(200);
      const page = await fetch(`${local}?token=${dash.token}`);
      expect(page.status).toBe(200);
      const cookie = page.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect((await fetch(`${local}api/store`, { headers: { cookie: cookie.split(';')[0] } })).status).toBe(200);
    } finally {
      await dash.close();
    }
  });
});
