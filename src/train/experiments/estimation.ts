// Estimation runs (sparse recovery, matrix completion) as ONE computation over a leading
// ensemble axis: members share the task's data, the model's structure and the optimizer's
// transforms, and may differ in seed, initial scale ζ and every optimizer hyper-parameter
// (α, β, …). θ, the loss gradients, the model's backward and the optimizer are batched: one
// GEMM and one pass per transform for all members (per-member hyper-parameters, see
// optim/members.ts). A single run is an ensemble of one, so a member's metrics are those of the
// same run trained alone.
import type { RunConfig } from '../../config/schema.js';
import { deepMatrix } from '../../models/estimators/matrix-product.js';
import { diagonalLinear } from '../../models/estimators/diagonal.js';
import type { Estimator } from '../../models/estimators/estimator.js';
import {
  applyUpdates,
  buildEnsembleOptimizer,
  memberState,
  optimizerShape,
  setMemberState,
  type Arrays,
  type State,
  type Transform,
} from '../../optim/index.js';
import { foldIn, key, normal } from '../../random/index.js';
import type { Metrics } from '../../metrics/types.js';
import { matrixCompletionProblem, matrixSensingProblem, sparseRecoveryProblem, type EstimationProblem } from '../../tasks/estimation-problems.js';
import { matrixSensingData } from '../../tasks/matrix-sensing.js';
import { matrixCompletionData } from '../../tasks/matrix-completion.js';
import { tasksTrainedBy } from '../../tasks/registry.js';
import { sparseRecoveryData } from '../../tasks/sparse-recovery.js';
import type { Experiment } from '../experiment.js';

/** One member: its slice of the ensemble's parameters, its optimizer state and its metrics (it steps with its ensemble). */
export interface EnsembleMember extends Omit<Experiment, 'step'> {
  readonly config: RunConfig;
}

export const ESTIMATION_TASKS = tasksTrainedBy('estimation');

/** The errors whose value at θ = 0 is the learned-nothing baseline (the relative errors are 1 there). */
const LEARNED_NOTHING = ['train_loss', 'train_error', 'test_error'] as const;

export function isEstimationTask(config: RunConfig): boolean {
  return ESTIMATION_TASKS.includes(config.task.name);
}

function problemAndEstimator(config: RunConfig): { problem: EstimationProblem; estimator: Estimator } {
  const { task, model } = config;
  if (task.name === 'sparse-recovery') {
    if (model.name !== 'diagonal-linear')
      throw new Error(`model.name: task sparse-recovery needs a vector model; allowed: "diagonal-linear" (got "${model.name}")`);
    return { problem: sparseRecoveryProblem(sparseRecoveryData(task)), estimator: diagonalLinear(model, task.n) };
  }
  if (task.name === 'matrix-completion' || task.name === 'matrix-sensing') {
    if (model.name !== 'deep-matrix') throw new Error(`model.name: task ${task.name} needs a matrix model; allowed: "deep-matrix" (got "${model.name}")`);
    const problem = task.name === 'matrix-completion' ? matrixCompletionProblem(matrixCompletionData(task)) : matrixSensingProblem(matrixSensingData(task));
    return { problem, estimator: deepMatrix(model, task.rows, task.cols) };
  }
  throw new Error(`task ${task.name} is not an estimation task`);
}

/** What members may not differ in: everything but seed, ζ and the optimizer's hyper-parameters (equal keys train together). */
export function ensembleKey(config: RunConfig): string {
  const { initScale: _zeta, ...model } = config.model as RunConfig['model'] & { initScale: number };
  const { seed: _seed, ...training } = config.training;
  return JSON.stringify({ task: config.task, model, training, optimizer: optimizerShape(config.optimizer) });
}

export class EstimationEnsemble {
  readonly members: EnsembleMember[];
  private readonly problem: EstimationProblem;
  private readonly estimator: Estimator;
  private readonly params: Record<string, Float64Array>;
  private readonly grads: Record<string, Float64Array>;
  private readonly theta: Float64Array;
  private readonly gradTheta: Float64Array;
  private readonly losses: Float64Array;
  private readonly optimizer: Transform;
  private state: State;
  /** elements of each parameter per member */
  private readonly perMember: Record<string, number>;
  /** the parameters of members that stopped (inactive, or a non-finite loss), kept as they were */
  private readonly frozen: (Record<string, Float64Array> | null)[];

  constructor(readonly configs: readonly RunConfig[]) {
    if (configs.length === 0) throw new Error('an ensemble needs at least one run');
    const shared = ensembleKey(configs[0]);
    configs.forEach((c, e) => {
      if (c.training.dtype !== 'float64') throw new Error(`training.dtype: estimation tasks run in "float64" (got "${c.training.dtype}")`);
      if (ensembleKey(c) !== shared)
        throw new Error(`ensemble member ${e} differs from member 0 in more than seed, model.initScale and optimizer hyper-parameters; train it separately`);
    });
    ({ problem: this.problem, estimator: this.estimator } = problemAndEstimator(configs[0]));
    const E = configs.length;
    const { shapes, size } = this.estimator;
    const perMember = (this.perMember = Object.fromEntries(Object.entries(shapes).map(([n, s]) => [n, s.reduce((a, b) => a * b, 1)])));
    this.params = Object.fromEntries(Object.keys(shapes).map((n) => [n, new Float64Array(E * perMember[n])]));
    this.grads = Object.fromEntries(Object.keys(shapes).map((n) => [n, new Float64Array(E * perMember[n])]));
    // Depth 1: θ and its gradient are the parameter and its gradient, no copies.
    const alias = this.estimator.identity;
    this.theta = alias ? this.params[alias] : new Float64Array(E * size);
    this.gradTheta = alias ? this.grads[alias] : new Float64Array(E * size);
    this.losses = new Float64Array(E);
    const slice = (arrays: Record<string, Float64Array>, e: number): Arrays =>
      Object.fromEntries(Object.keys(shapes).map((n) => [n, arrays[n].subarray(e * perMember[n], (e + 1) * perMember[n])]));

    const ensemble = this;
    const zero = this.problem.metrics(new Float64Array(this.problem.size));
    const baselines = Object.fromEntries(LEARNED_NOTHING.map((m) => [m, zero[m]]));
    this.members = configs.map((config, e) => {
      const gaussian = (n: number, stream: number) => normal(foldIn(key(config.training.seed), stream), n, 'float64') as Float64Array;
      const initial = this.estimator.init((config.model as { initScale: number }).initScale, gaussian);
      const arrays = slice(this.params, e);
      for (const n of Object.keys(shapes)) arrays[n].set(initial[n]);
      return {
        config,
        arrays,
        shapes,
        get state() {
          return memberState(ensemble.state, e, E);
        },
        set state(s: State) {
          setMemberState(ensemble.state, e, E, s);
        },
        evaluate: () => this.evaluate(e),
        baselines,
      };
    });
    const ensembleShapes = Object.fromEntries(Object.entries(shapes).map(([n, s]) => [n, [E, ...s]]));
    this.optimizer = buildEnsembleOptimizer(
      configs.map((c) => c.optimizer),
      { shapes: ensembleShapes },
    );
    this.state = this.optimizer.init(this.params);
    this.frozen = configs.map(() => null);
  }

  /**
   * One step of every member still training (`active[e]`, default all); returns the losses
   * before the update (NaN for a member that diverged). A member inactive or with a non-finite
   * loss stops for good: its parameters stay as they are from then on.
   */
  step(active?: ArrayLike<boolean>): Float64Array {
    const E = this.members.length;
    const alias = this.estimator.identity !== undefined;
    if (!alias) this.estimator.forward(this.params, E, this.theta);
    this.problem.lossAndGrad(this.theta, E, this.gradTheta, this.losses);
    if (!alias) this.estimator.backward(this.params, E, this.gradTheta, this.grads);
    let anyFrozen = false;
    for (let e = 0; e < E; e++) {
      if ((active && !active[e]) || !Number.isFinite(this.losses[e]) || this.frozen[e]) {
        this.freeze(e);
        anyFrozen = true;
      }
    }
    this.optimizer.update(this.grads, this.state, this.params);
    applyUpdates(this.params, this.grads);
    if (anyFrozen) this.restoreFrozen();
    return this.losses;
  }

  /**
   * Takes member e out of the update: its parameters are saved (once) and, with its gradients,
   * zeroed for the transforms — NOTE: a diverged member's NaNs would make the SVD of the
   * nuclear-norm transforms throw for the whole ensemble — then restored by restoreFrozen.
   */
  private freeze(e: number): void {
    const saved = (this.frozen[e] ??= Object.fromEntries(
      Object.entries(this.params).map(([name, p]) => [name, p.slice(e * this.perMember[name], (e + 1) * this.perMember[name])]),
    ));
    for (const name in saved) {
      const size = this.perMember[name];
      this.params[name].fill(0, e * size, (e + 1) * size);
      this.grads[name].fill(0, e * size, (e + 1) * size);
    }
  }

  private restoreFrozen(): void {
    this.frozen.forEach((saved, e) => {
      if (saved) for (const name in saved) this.params[name].set(saved[name], e * this.perMember[name]);
    });
  }

  private evaluate(e: number): Metrics {
    const theta = new Float64Array(this.estimator.size);
    const arrays = this.members[e].arrays as Record<string, Float64Array>;
    this.estimator.forward(arrays, 1, theta);
    const metrics = this.problem.metrics(theta);
    // The parameters' own ℓ2 norm (for depth > 1 it differs from θ's).
    let sq = 0;
    for (const a of Object.values(arrays)) for (let i = 0; i < a.length; i++) sq += a[i] * a[i];
    metrics.weight_l2 = Math.sqrt(sq);
    return metrics;
  }
}

/** A single estimation run: an ensemble of one. */
export class EstimationExperiment implements Experiment {
  private readonly ensemble: EstimationEnsemble;
  private readonly member: EnsembleMember;

  constructor(config: RunConfig) {
    this.ensemble = new EstimationEnsemble([config]);
    this.member = this.ensemble.members[0];
  }

  get arrays(): Arrays {
    return this.member.arrays;
  }

  get shapes(): Experiment['shapes'] {
    return this.member.shapes;
  }

  get state(): State {
    return this.member.state;
  }

  set state(s: State) {
    this.member.state = s;
  }

  step(): number {
    return this.ensemble.step()[0];
  }

  evaluate(): Metrics {
    return this.member.evaluate();
  }

  get baselines() {
    return this.member.baselines;
  }
}
