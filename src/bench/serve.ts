// The dashboard's two scale promises, on a synthetic store: a fresh server lists 1,000 run
// directories (walk + first /api/store) in under a second, and a run of 1e5 evaluations draws
// in Chromium in under a second (navigation to the charts on screen, the server downsampling).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboard } from '../serve/server.js';
import { writeFakeRun } from '../serve/testing.js';

const RUNS = 1000;
const LONG_RUN_EVALS = 100_000;
const REPEATS = 5;
const CHROMIUM = '/usr/bin/chromium';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// NOTE: on a shared, loaded machine wall times stretch; the CPU time (this process's for the
// server, the renderer main thread's for Chromium) is what the same work costs on an idle one.
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export interface ServeBench {
  runs: number;
  listMs: number;
  listCpuMs: number;
  longRunEvaluations: number;
  /** /api/run of the long run at a 1,200-pixel width, cold (first read of its metrics) */
  longRunFetchMs: number;
  /** page load to the long run's three charts drawn, in Chromium (median); null without Chromium */
  longRunDrawMs: number | null;
  /** the same, the first time (the server reads the metrics file then) */
  longRunFirstDrawMs: number | null;
}

export async function serveBench(log: (line: string) => void): Promise<ServeBench> {
  const root = mkdtempSync(join(tmpdir(), 'groklab-bench-serve-'));
  for (let i = 0; i < RUNS; i++) writeFakeRun(join(root, 'runs', `run-${String(i).padStart(4, '0')}`), 20, { finished: i % 3 !== 0 });
  writeFakeRun(join(root, 'long'), LONG_RUN_EVALS);

  const lists: number[] = [];
  const listCpu: number[] = [];
  const fetches: number[] = [];
  const fetchCpus: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const dash = await startDashboard({ roots: [root], port: 0 });
    const listing = (await (await fetch(`${dash.url}api/store`)).json()) as { runs: unknown[] };
    lists.push(performance.now() - start);
    listCpu.push(cpuMs(process.cpuUsage(cpu)));
    if (listing.runs.length !== RUNS + 1) throw new Error(`bench serve: listed ${listing.runs.length} runs, expected ${RUNS + 1}`);
    const t = performance.now();
    const fetchCpu = process.cpuUsage();
    await (await fetch(`${dash.url}api/run?id=long&width=1200`)).json();
    fetches.push(performance.now() - t);
    fetchCpus.push(cpuMs(process.cpuUsage(fetchCpu)));
    await dash.close();
  }
  log(
    `serve: ${RUNS} run directories listed by a fresh server in ${median(lists).toFixed(0)} ms, ${median(listCpu).toFixed(0)} ms of CPU (median of ${REPEATS}; target < 1000 ms)`,
  );
  log(
    `serve: a run of ${LONG_RUN_EVALS.toLocaleString('en-US')} evaluations read and downsampled for a 1,200-pixel chart in ${median(fetches).toFixed(0)} ms, ${median(fetchCpus).toFixed(0)} ms of CPU`,
  );

  let longRunDrawMs: number | null = null;
  let longRunFirstDrawMs: number | null = null;
  if (existsSync(CHROMIUM)) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const dash = await startDashboard({ roots: [root], port: 0 });
    const draws: number[] = [];
    const drawCpu: number[] = [];
    try {
      for (let r = 0; r < REPEATS; r++) {
        // A new page each time: nothing cached in the browser. The first load also reads the
        // metrics file on the server; later ones find it read.
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
        const busyBefore = await busy();
        const start = performance.now();
        await page.goto(`${dash.url}#/run/long`);
        await page.waitForSelector('figure.chart:nth-of-type(3) canvas');
        draws.push(performance.now() - start);
        drawCpu.push((await busy()) - busyBefore);
        await page.close();
      }
    } finally {
      await browser.close();
      await dash.close();
    }
    longRunDrawMs = median(draws);
    longRunFirstDrawMs = draws[0];
    log(
      `serve: the same run drawn in Chromium (page load to three charts) in ${longRunDrawMs.toFixed(0)} ms, the page's main thread busy ${median(drawCpu).toFixed(0)} ms (median of ${REPEATS}; the first, with the server's read, ${longRunFirstDrawMs.toFixed(0)} ms; target < 1000 ms)`,
    );
  } else log(`serve: ${CHROMIUM} not installed; the drawing time is not measured`);
  return {
    runs: RUNS,
    listMs: median(lists),
    listCpuMs: median(listCpu),
    longRunEvaluations: LONG_RUN_EVALS,
    longRunFetchMs: median(fetches),
    longRunDrawMs,
    longRunFirstDrawMs,
  };
}
