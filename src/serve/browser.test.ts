// The dashboard in a real browser: Debian's Chromium driven by playwright-core (no browser is
// downloaded). Small real runs, trained here; one more run is started while the page is open.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportHtml } from './export-html.js';
import { startDashboard, type Dashboard } from './server.js';
import { trainSmallSweep } from './testing.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
// GROKLAB_UPDATE_SCREENSHOTS=1 writes the README's screenshots; otherwise they go to a temporary directory.
const SHOTS = process.env.GROKLAB_UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/img/', import.meta.url))
  : mkdtempSync(join(tmpdir(), 'groklab-shots-'));
const GROKKING_RUN = 'phase/runs/weightDecay=1_trainFraction=0.7_seed=0';

// Pixels of a chart canvas that are not background (a drawn curve has many); run in the page.
const INKED = `(canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && !(data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240)) n++;
  return n;
}`;

function inkedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate(`(${INKED})(document.querySelector(${JSON.stringify(selector)}))`) as Promise<number>;
}

/** Polls from here: the page's CSP forbids the eval that page.waitForFunction uses for its polling. */
async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The number in the run page's "N evaluations" note. */
const EVALUATIONS = "Number(document.querySelector('.points').textContent.replace(/,/g, '').match(/\\d+/)[0])";

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the dashboard in Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-browser-'));
  let dash: Dashboard;
  let browser: Browser;
  let page: Page;
  let live: ChildProcess | null = null;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await trainSmallSweep(join(root, 'phase'));
    dash = await startDashboard({ roots: [root], port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);

  afterEach(() => expect(pageErrors).toEqual([]));

  afterAll(async () => {
    live?.kill('SIGKILL');
    await browser?.close();
    await dash?.close();
  });

  it('lists the runs and the sweep', async () => {
    await page.goto(dash.url);
    await page.waitForSelector('table.runs tbody tr');
    expect(await page.$$eval('table.runs tbody tr', (rows) => rows.map((r) => r.getAttribute('data-run')).sort())).toEqual([
      'phase/runs/weightDecay=0_trainFraction=0.3_seed=0',
      'phase/runs/weightDecay=0_trainFraction=0.7_seed=0',
      'phase/runs/weightDecay=1_trainFraction=0.3_seed=0',
      GROKKING_RUN,
    ]);
    expect(await page.textContent('.cards.sweeps')).toContain('wd-by-fraction');
    // the filter narrows the list
    await page.fill('input.filter', 'weightDecay=1 trainFraction=0.7');
    await waitUntil(async () => (await page.$$('table.runs tbody tr')).length === 1, 5000);
  });

  it('draws a run’s curves', async () => {
    await page.goto(`${dash.url}#/run/${encodeURIComponent(GROKKING_RUN)}`);
    await page.waitForSelector('figure.chart canvas');
    expect(await page.$$eval('figure.chart figcaption', (f) => f.map((x) => x.textContent))).toEqual(['Accuracy', 'Loss', 'Weight norms']);
    expect(await inkedPixels(page, 'figure.chart canvas')).toBeGreaterThan(2000);
    expect(await page.textContent('.stats')).toContain('t_gen');
    expect(await page.textContent('.badge-grok')).toBe('grok');
    await page.screenshot({ path: join(SHOTS, 'serve-run.png'), fullPage: true });
  });

  it('shows a run started during the test, and its curve grows', async () => {
    await page.goto(dash.url);
    await page.waitForSelector('table.runs tbody tr');
    const out = join(root, 'live');
    mkdirSync(out);
    live = spawn(
      process.execPath,
      [
        BIN,
        'train',
        '--set',
        'task.p=23',
        '--set',
        'model.embedDim=16',
        '--set',
        'model.hidden=[64]',
        '--set',
        'training.evalsPerDecade=200',
        '--steps',
        '20000',
        '--out',
        join(out, 'run'),
      ],
      { stdio: 'ignore' },
    );
    const link = await page.waitForSelector('tr[data-run="live/run"] a', { timeout: 20_000 });
    // the row is updated in place as the run trains, so a click on its link is never lost
    const steps = () => page.textContent('tr[data-run="live/run"] td[data-key="steps"]');
    const stepsBefore = await steps();
    await waitUntil(async () => (await steps()) !== stepsBefore, 20_000);
    expect(await link.evaluate((a) => a.isConnected)).toBe(true);
    await link.click();
    await page.waitForSelector('.points');
    const before = (await page.evaluate(EVALUATIONS)) as number;
    await waitUntil(async () => ((await page.evaluate(EVALUATIONS)) as number) > before + 5, 20_000);
    expect(await inkedPixels(page, 'figure.chart canvas')).toBeGreaterThan(500);
    live.kill('SIGKILL');
    live = null;
  });

  it('a sweep cell shows its runs when pointed at and draws their curves when clicked', async () => {
    await page.goto(`${dash.url}#/sweep/phase`);
    await page.waitForSelector('.phase .cell');
    expect(await page.$$eval('.phase .cell', (cells) => cells.length)).toBe(4);
    const cell = '.phase .cell[aria-label="weightDecay 1, trainFraction 0.7"]';
    await page.hover(cell);
    expect(await page.textContent('.cell-info')).toContain('weightDecay=1_trainFraction=0.7_seed=0');
    expect(await page.textContent('.cell-info')).toContain('grok');
    await page.click(cell);
    await page.waitForSelector('section figure.chart canvas');
    expect(await page.textContent('main')).toContain('Curves at weightDecay 1 · trainFraction 0.7');
    expect(await inkedPixels(page, 'section figure.chart canvas')).toBeGreaterThan(1000);
    await page.hover(cell);
    await page.screenshot({ path: join(SHOTS, 'serve-sweep.png'), fullPage: true });
  });

  it('answers traversal with 404 and a token-less request to a non-loopback server with 401', async () => {
    for (const path of ['files/0/%2e%2e/%2e%2e/etc/passwd', 'files/0/..%2f..%2fetc%2fpasswd', 'api/run?id=..%2f..%2fetc']) {
      expect((await page.goto(`${dash.url}${path}`))!.status(), path).toBe(404);
    }
    const open = await startDashboard({ roots: [root], host: '0.0.0.0', port: 0 });
    try {
      const local = open.url.replace('0.0.0.0', '127.0.0.1');
      expect((await page.goto(local))!.status()).toBe(401);
      expect((await page.goto(`${local}?token=${open.token}`))!.status()).toBe(200);
      await page.waitForSelector('table.runs tbody tr');
    } finally {
      await open.close();
    }
  });

  it('an exported run opens from a file, offline, and draws its curves', async () => {
    const file = join(root, 'run.html');
    writeFileSync(file, exportHtml(join(root, GROKKING_RUN)));
    const requests: string[] = [];
    const offline = await browser.newPage();
    offline.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await offline.goto(`file://${file}`);
    await offline.waitForSelector('figure.chart canvas');
    expect(await inkedPixels(offline, 'figure.chart canvas')).toBeGreaterThan(2000);
    expect(await offline.textContent('header')).toContain('snapshot');
    expect(requests).toEqual([]);
    await offline.close();
  });
});
