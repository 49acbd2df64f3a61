// `groklab demo`: the engine at work on the classic recipe (modular addition mod 97, MLP with
// learned embeddings, AdamW lr 1e-3, weight decay 1), printing train/test accuracy as it goes.
import { adamState, mod97Data, mod97Mlp, P, trainStep, type Mod97Data } from '../bench/mod97-mlp.js';
import { backendChoice } from '../kernels/index.js';
import * as T from '../tensor/index.js';

export interface DemoOptions {
  steps: number;
  trainFraction: number;
  seed: number;
  log: (line: string) => void;
}

function subset(d: Mod97Data, start: number, end: number): Mod97Data {
  return { x: d.x.subarray(start, end), y: d.y.subarray(start, end), labels: d.labels.subarray(start, end) };
}

/** Accuracy of the model's argmax prediction, evaluated without recording a graph. */
function accuracy(logits: (d: Mod97Data) => T.Tensor, d: Mod97Data): number {
  return T.tidy(() => T.noGrad(() => {
    const predicted = T.argmax(logits(d), -1);
    let correct = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === d.labels[i]) correct++;
    return correct / predicted.length;
  }));
}

export function runDemo({ steps, trainFraction, seed, log }: DemoOptions): void {
  const all = mod97Data(P * P, seed);
  const nTrain = Math.round(trainFraction * P * P);
  const train = subset(all, 0, nTrain);
  const test = subset(all, nTrain, P * P);
  const model = mod97Mlp(seed);
  const state = adamState(model);
  const { backend, reason } = backendChoice();
  log(`mod-97 addition MLP · ${nTrain} train / ${P * P - nTrain} test pairs · AdamW lr 1e-3 wd 1 · backend ${backend.name} (${reason})`);
  const started = performance.now();
  // Evaluate on a log-spaced schedule: the interesting events span decades of steps.
  let nextEval = 1;
  for (let step = 1; step <= steps; step++) {
    const loss = trainStep(model, train, state);
    if (step === nextEval || step === steps) {
      const seconds = (performance.now() - started) / 1000;
      log(`step ${String(step).padStart(6)}  loss ${loss.toFixed(4)}  train acc ${accuracy(model.logits, train).toFixed(3)}  test acc ${accuracy(model.logits, test).toFixed(3)}  ${(step / seconds).toFixed(1)} steps/s`);
      nextEval = Math.max(step + 1, Math.round(step * 1.5));
    }
  }
}
