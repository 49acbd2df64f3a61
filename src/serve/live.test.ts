import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveMessage } from './api-types.js';
import { makeRoots } from './catalog.js';
import { LiveStore } from './live.js';
import { writeFakeReport, writeFakeRun } from './testing.js';

function nextMessage(store: LiveStore, accept: (m: LiveMessage) => boolean, ms = 5000): Promise<LiveMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such message within the time')), ms);
    const listen = (m: LiveMessage) => {
      if (!accept(m)) return;
      clearTimeout(timer);
      store.off('message', listen);
      resolve(m);
    };
    store.on('message', listen);
  });
}

describe('the live store', () => {
  let store: LiveStore | null = null;
  afterEach(() => store?.close());

  it('finds runs at any depth, reproductions and their runs, and reads a run’s curves', () => {
    const root = mkdtempSync(join(tmpdir(), 'groklab-live-'));
    writeFakeRun(join(root, 'a'), 50);
    mkdirSync(join(root, 'deep', 'er'), { recursive: true });
    writeFakeRun(join(root, 'deep', 'er', 'b'), 10, { finished: false });
    writeFakeReport(join(root, 'rep'), ['runs/c']);
    writeFakeRun(join(root, 'rep', 'runs', 'c'), 5);
    store = new LiveStore(makeRoots([root])).open({ watch: false });
    const { runs, reports } = store.listing();
    expect(runs.map((r) => r.id).sort()).toEqual(['a', 'deep/er/b', 'rep/runs/c']);
    expect(reports).toEqual([expect.objectContaining({ id: 'rep', status: 'reproduced', judged: 1, reproduced: 1 })]);
    const c = runs.find((r) => r.id === 'rep/runs/c')!;
    expect(c.parent).toEqual({ kind: 'report', id: 'rep' });
    // b is marked running by this (live) process, has no summary: its steps come from its metrics
    const b = runs.find((r) => r.id === 'deep/er/b')!;
    expect(b).toMatchObject({ status: 'running', outcome: null, steps: 1e6 });
    const detail = store.runDetail('a', 100)!;
    expect(detail.points).toBe(50);
    expect(detail.curves.step.length).toBe(50);
    expect(Object.keys(detail.curves.series)).toEqual(['train_loss', 'train_acc', 'test_loss', 'test_acc', 'weight_l2']);
    expect(store.reportDetail('rep', (_e, rel) => `/files/0/rep/${rel}`)!.runs).toEqual([{ path: 'runs/c', id: 'rep/runs/c' }]);
    expect(store.runDetail('../a', 100)).toBeNull();
  });

  it('reads a report.json that says `within` instead of verdicts as judged checks', () => {
    const root = mkdtempSync(join(tmpdir(), 'groklab-live-'));
    mkdirSync(join(root, 'old'));
    const check = (quantity: string, within: boolean | null) => ({ quantity, paper: '1', measured: 1, tolerance: 'within ×2', within });
    writeFileSync(
      join(root, 'old', 'report.json'),
      JSON.stringify({
        name: 'old',
        title: 'Old',
        quick: false,
        comparisons: [check('a', true), check('b', false), check('c', null)],
        plots: [],
        runs: [],
        notes: [],
      }),
    );
    store = new LiveStore(makeRoots([root])).open({ watch: false });
    expect(store.listing().reports).toEqual([expect.objectContaining({ id: 'old', status: 'partial', judged: 2, reproduced: 1 })]);
    const detail = store.reportDetail('old', () => null)!;
    expect(detail.comparisons.map((c) => c.verdict)).toEqual(['reproduced', 'contradicted', 'reported']);
  });

  it('pushes a new metrics line, and a run directory created after it started', async () => {
    const root = mkdtempSync(join(tmpdir(), 'groklab-live-'));
    writeFakeRun(join(root, 'a'), 3, { finished: false });
    store = new LiveStore(makeRoots([root])).open({ watch: true });
    store.runDetail('a', 100);
    const metrics = nextMessage(store, (m) => m.type === 'metrics' && m.id === 'a');
    appendFileSync(join(root, 'a', 'metrics.jsonl'), `${JSON.stringify({ event: 'eval', step: 2e6, wall_s: 1, metrics: { test_acc: 0.5 } })}\n`);
    const m = await metrics;
    expect(m).toMatchObject({ type: 'metrics', id: 'a', step: [2e6], reset: false });
    expect(m.type === 'metrics' && m.series.test_acc).toEqual([0.5]);

    const appeared = nextMessage(store, (msg) => msg.type === 'run' && msg.row.id === 'later/b');
    mkdirSync(join(root, 'later'));
    writeFakeRun(join(root, 'later', 'b'), 4);
    expect(await appeared).toMatchObject({ type: 'run', row: { id: 'later/b', outcome: 'grok' } });
    expect(
      store
        .listing()
        .runs.map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'later/b']);
  });
});
