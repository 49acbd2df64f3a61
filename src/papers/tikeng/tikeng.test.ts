// The phenomena of Tikeng Notsawo et al., each through its reproduction's quick form: if one
// disappears (or a check is renamed), a test here fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvalEvent } from '../../runs/events.js';
import { RunDir } from '../../runs/store.js';
import { runEnsemble } from '../../train/ensemble.js';
import { comparison, runQuick } from '../testing.js';
import { trainRuns } from './common.js';
import { sparseConfig } from './configs.js';
import { dataSelection } from './data-selection.js';
import { depthConfig, depthReproduction } from './depth.js';
import { fig3SparseL1 } from './fig3-sparse-l1.js';
import { fig4AlphaBeta } from './fig4-alpha-beta.js';
import { fig5CompletionNuclear } from './fig5-completion-nuclear.js';
import { l2Proxy } from './l2-proxy.js';

const tmp = mkdtempSync(join(tmpdir(), 'groklab-tikeng-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Tikeng Notsawo et al. (quick forms)', () => {
  it('sparse recovery with ℓ1 groks: t₁ ≪ t₂, t₂ as the delay law predicts, and ISTA too', async () => {
    const report = await runQuick(fig3SparseL1);
    for (const c of report.comparisons) expect(c.within, `${c.quantity}: ${c.measured}`).toBe(true);
  }, 120_000);

  it('with β = 0 the recovery error never falls below its level at memorization', async () => {
    const out = join(tmp, 'no-penalty');
    const [summary] = await runEnsemble([{ config: sparseConfig({ beta: 0, penalty: 'none', steps: 200_000 }), out }]);
    const evals = RunDir.open(out).readEvents().filter((e): e is EvalEvent => e.event === 'eval');
    expect(summary.t_mem).not.toBeNull();
    const atMemorization = evals.find((e) => e.step === summary.t_mem)!.metrics.test_error;
    const best = Math.min(...evals.filter((e) => e.step >= summary.t_mem!).map((e) => e.metrics.test_error));
    expect(best).toBeGreaterThan(0.9 * atMemorization);
    expect(summary.t_gen).toBeNull();
  }, 30_000);

  it('doubling αβ halves t₂ (within a factor 1.5): the fitted slope of log t₂ against log αβ is −1', async () => {
    const report = await runQuick(fig4AlphaBeta);
    const slope = comparison(report, 'slope of log t₂');
    expect(slope.within, String(slope.measured)).toBe(true);
    expect(2 ** Number(slope.measured)).toBeGreaterThan(0.5 / 1.5);
    expect(2 ** Number(slope.measured)).toBeLessThan(0.5 * 1.5);
  }, 120_000);

  it('matrix completion with the nuclear norm groks and the rank falls to the true rank, smallest singular values first', async () => {
    const report = await runQuick(fig5CompletionNuclear);
    for (const c of report.comparisons) expect(c.within, `${c.quantity}: ${c.measured}`).toBe(true);
  }, 180_000);

  it('depth: L = 1 without a penalty fails to recover, L = 3 recovers, without delay', async () => {
    const report = await runQuick(depthReproduction);
    for (const c of report.comparisons) expect(c.within, `${c.quantity}: ${c.measured}`).toBe(true);
  }, 180_000);

  it('depth 4 (no penalty) leaves its saddle from the zero-first init and recovers a* from N = 50 < n, without delay', async () => {
    const out = join(tmp, 'depth-4');
    const [summary] = await runEnsemble([{ config: depthConfig(4, 50, 1_000_000), out }]);
    const evals = RunDir.open(out).readEvents().filter((e): e is EvalEvent => e.event === 'eval');
    expect(evals.at(-1)!.metrics.test_error).toBeLessThan(1e-2);
    expect(summary.t_mem).not.toBeNull();
    expect(summary.t_gen! / summary.t_mem!).toBeLessThan(10);
  }, 60_000);

  it('the ℓ2 norm is no proxy: ridge fails; ℓ1 runs generalize while their ℓ2 norm rises', async () => {
    const report = await runQuick(l2Proxy);
    for (const c of report.comparisons) expect(c.within, `${c.quantity}: ${c.measured}`).toBe(true);
  }, 180_000);

  it('data selection: more coherent measurements lengthen t₂ for sparse recovery; high-leverage entries shorten it for completion', async () => {
    const report = await runQuick(dataSelection);
    for (const c of report.comparisons) expect(c.within, `${c.quantity}: ${c.measured}`).toBe(true);
  }, 180_000);

  it('a reproduction cut short resumes: interrupted members continue from their checkpoints and end as if never stopped', async () => {
    const runs = [0.1, 0.05].map((alpha, i) => ({ label: `r${i}`, config: sparseConfig({ alpha, beta: 1e-4, steps: 100_000, N: 20 }) }));
    const ctx = { quick: true, out: join(tmp, 'cut-short'), log: () => {} };
    // stopRequested is polled every 50 ms: the ensemble stops a fraction of the way in
    const cut = await runEnsemble(runs.map((r) => ({ config: r.config, out: join(ctx.out, 'runs', r.label) })), { stopRequested: () => true });
    expect(cut.map((s) => s.status)).toEqual(['interrupted', 'interrupted']);
    expect(cut[0].steps).toBeLessThan(100_000);
    const resumed = await trainRuns(ctx, runs);
    const straight = await trainRuns({ ...ctx, out: join(tmp, 'straight') }, runs);
    resumed.forEach((r, i) => {
      expect(r.summary.status).toBe('completed');
      expect(r.summary.final.test_error).toBeCloseTo(straight[i].summary.final.test_error!, 10);
    });
  });
});
