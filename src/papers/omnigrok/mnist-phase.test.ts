import { expect, it } from 'vitest';
import { judgeMnistPhase, omnigrokMnistPhase, type PhaseOutcome } from './mnist-phase.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST phase diagram (quick): large α groks at moderate decay and memorizes at weak decay; α = 1 generalizes', async () => {
  const report = await runQuick(omnigrokMnistPhase);
  expect(comparison(report, 'grokking appears, and only at α > 1').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 8, weakest decay').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 1: some decay generalizes').verdict).toBe('reproduced');
}, 180_000);

it('MNIST phase checks fail on diagrams where α = 1 groks, large α generalizes at weak decay, or α = 1 never generalizes', () => {
  const diagram = (outcomes: Record<string, string>) =>
    [1, 8].flatMap((alpha) => [0.003, 0.2, 3].map((weightDecay) => ({ alpha, weightDecay, outcome: outcomes[`${alpha}/${weightDecay}`] ?? 'no-learn' })));
  const paper = diagram({ '1/0.003': 'generalize', '1/0.2': 'generalize', '8/0.003': 'memorize', '8/0.2': 'grok' });
  const verdicts = (runs: PhaseOutcome[]) => {
    const report = { comparisons: judgeMnistPhase(runs, 0.003) };
    return (prefix: string) => comparison(report, prefix).verdict;
  };
  for (const check of ['grokking appears', 'α = 8, weakest decay', 'α = 1: some decay']) expect(verdicts(paper)(check), check).toBe('reproduced');
  expect(verdicts(diagram({ '1/0.2': 'grok', '8/0.003': 'memorize', '8/0.2': 'grok' }))('grokking appears')).toBe('contradicted');
  expect(verdicts(diagram({ '1/0.2': 'generalize', '8/0.003': 'generalize' }))('grokking appears')).toBe('contradicted');
  expect(verdicts(diagram({ '1/0.2': 'generalize', '8/0.003': 'generalize', '8/0.2': 'grok' }))('α = 8, weakest decay')).toBe('contradicted');
  expect(verdicts(diagram({ '1/0.2': 'memorize', '8/0.003': 'memorize', '8/0.2': 'grok' }))('α = 1: some decay')).toBe('contradicted');
});
