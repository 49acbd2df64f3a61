// Network runs of one model as ONE computation over a leading member axis: every parameter is
// stacked [E, ...shape], the model's applyMembers runs the E forwards as one batched GEMM and one
// elementwise pass per layer, the tape records one graph for all members, and the optimizer
// updates all of them in one transform (per-member hyper-parameters, see optim/members.ts).
// Members may differ in seed (init and minibatches), init scale and optimizer hyper-parameters;
// each member's kernels sum in the order of its run alone, so its metrics are bit-identical. A
// member that stops (early stop, divergence) leaves the stack: the others go on without
// computing it.
import type { RunConfig } from '../../config/schema.js';
import { buildModel, initParams, initScaleOf, type Model, type Params } from '../../models/index.js';
import { applyUpdates, buildEnsembleOptimizer, memberState, setMemberState, type Arrays, type State, type Transform } from '../../optim/index.js';
import type { Key } from '../../random/index.js';
import type { Dataset } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import { checkParameterMemory } from '../memory-budget.js';
import type { EnsembleMember } from './estimation.js';
import { NetworkObjective, networkKeys } from './network.js';

/** The model of the members' shared config, with its objective on the data, if it can train them as one computation. */
export function batchedNetwork(config: RunConfig, data: Dataset): { model: Model; objective: NetworkObjective } | null {
  const model = buildModel(config.model, { input: data.input, outputs: data.outputs });
  const objective = new NetworkObjective(config, data, model);
  return model.applyMembers && objective.hasMemberLoss ? { model, objective } : null;
}

/** The members still computed, stacked along the member axis: their parameters, optimizer and state. */
interface Stack {
  /** member indices, in stack order */
  readonly live: readonly number[];
  readonly arrays: Arrays;
  readonly params: Params;
  readonly optimizer: Transform;
  state: State;
  readonly batchKeys: readonly Key[];
  /** the gradient that seeds backward: one 1 per member */
  readonly seed: T.Tensor;
}

/** One member's views into the stack: its parameters' storage and tensors (repointed when the stack shrinks). */
interface MemberViews {
  arrays: Record<string, T.FloatArray>;
  params: Params;
  /** the optimizer state it ended with, once it left the stack */
  finalState: State | null;
}

export class NetworkMembers {
  readonly members: EnsembleMember[];
  private stack: Stack;
  private readonly views: MemberViews[];
  private readonly losses: Float64Array;
  /** elements of each parameter per member */
  private readonly perMember: Record<string, number>;

  constructor(
    private readonly configs: readonly RunConfig[],
    private readonly model: Model,
    private readonly objective: NetworkObjective,
  ) {
    if (!model.applyMembers) throw new Error(`model ${configs[0].model.name} has no member axis; train its members one by one`);
    for (const c of configs) checkParameterMemory(model.shapes, c);
    this.perMember = Object.fromEntries(Object.entries(model.shapes).map(([n, shape]) => [n, shape.reduce((a, b) => a * b, 1)]));
    this.losses = new Float64Array(configs.length);
    this.views = configs.map(() => ({ arrays: {}, params: {}, finalState: null }));
    this.stack = this.stacked(configs.map((_, e) => e));
    const { dtype } = configs[0].training;
    configs.forEach((c, e) => {
      const own = initParams(model, networkKeys(c).init, dtype, initScaleOf(c.model));
      for (const n in own) this.views[e].arrays[n].set(own[n].data);
    });
    this.stack.state = this.stack.optimizer.init(this.stack.arrays);

    const ensemble = this;
    this.members = configs.map((config, e) => ({
      config,
      arrays: this.views[e].arrays,
      shapes: model.shapes,
      get state() {
        return ensemble.stateOf(e);
      },
      set state(s: State) {
        const at = ensemble.stack.live.indexOf(e);
        if (at < 0) throw new Error(`ensemble member ${e} has stopped; its optimizer state is final`);
        setMemberState(ensemble.stack.state, at, ensemble.stack.live.length, s);
      },
      evaluate: () => objective.evaluate(this.views[e].params, this.views[e].arrays),
      baselines: objective.baselines,
    }));
  }

  /**
   * A stack of the members `live`, with fresh storage (zeros) and optimizer state; each member's
   * views point into it. The caller fills the parameters and the state.
   */
  private stacked(live: readonly number[]): Stack {
    const E = live.length;
    const { dtype } = this.configs[0].training;
    const names = Object.keys(this.model.shapes);
    const arrays: Record<string, T.FloatArray> = Object.fromEntries(
      names.map((n) => [n, dtype === 'float64' ? new Float64Array(E * this.perMember[n]) : new Float32Array(E * this.perMember[n])]),
    );
    live.forEach((e, at) => {
      const views = this.views[e];
      for (const n of names) views.arrays[n] = arrays[n].subarray(at * this.perMember[n], (at + 1) * this.perMember[n]);
      views.params = Object.fromEntries(names.map((n) => [n, new T.Tensor(views.arrays[n], this.model.shapes[n])]));
    });
    const optimizer = buildEnsembleOptimizer(
      live.map((e) => this.configs[e].optimizer),
      { shapes: Object.fromEntries(names.map((n) => [n, [E, ...this.model.shapes[n]]])) },
    );
    return {
      live,
      arrays,
      params: Object.fromEntries(names.map((n) => [n, new T.Tensor(arrays[n], [E, ...this.model.shapes[n]], true)])),
      optimizer,
      state: {},
      batchKeys: live.map((e) => networkKeys(this.configs[e]).batches),
      seed: T.ones([E], { dtype }),
    };
  }

  private stateOf(e: number): State {
    const at = this.stack.live.indexOf(e);
    return at < 0 ? this.views[e].finalState! : memberState(this.stack.state, at, this.stack.live.length);
  }

  /**
   * Stacks only the members `live` from now on: the others stopped, and their computation would
   * be wasted. Each member moves with its parameters and optimizer state, so its steps go on as
   * before, bit for bit; a member that stops keeps its views into the old stack.
   */
  private restack(live: readonly number[]): void {
    const old = this.stack;
    for (const e of old.live) if (!live.includes(e)) this.views[e].finalState = this.stateOf(e);
    const states = live.map((e) => this.stateOf(e));
    const values = live.map((e) => Object.fromEntries(Object.entries(this.views[e].arrays).map(([n, a]) => [n, a.slice()])));
    this.stack = this.stacked(live);
    live.forEach((e, at) => {
      for (const n in values[at]) this.views[e].arrays[n].set(values[at][n]);
    });
    this.stack.state = this.stack.optimizer.init(this.stack.arrays);
    live.forEach((_, at) => setMemberState(this.stack.state, at, live.length, states[at]));
  }

  /**
   * One step of every member still training (`active[e]`); returns the losses before the update,
   * NaN for a member whose loss is not finite (as a run alone reports it) and for one that has
   * stopped. A member with a non-finite loss keeps its parameters as they are.
   */
  step(step: number, active: readonly boolean[]): Float64Array {
    this.losses.fill(NaN);
    const live = this.stack.live.filter((e) => active[e]);
    if (live.length === 0) return this.losses;
    if (live.length < this.stack.live.length) this.restack(live);
    const { params, arrays, optimizer, batchKeys, seed } = this.stack;
    const batches = batchKeys.map((k) => this.objective.minibatch(step, k));
    const inputs = batches.every((b) => b === batches[0]) ? [batches[0]] : batches;
    T.tidy(() => {
      const losses = this.objective.memberLoss(this.model.applyMembers!(params, inputs), inputs);
      losses.backward(seed);
      live.forEach((e, at) => {
        this.losses[e] = Number.isFinite(losses.data[at]) ? losses.data[at] : NaN;
      });
      const updates = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.grad!.data]));
      const held = this.hold(updates);
      optimizer.update(updates, this.stack.state, arrays);
      applyUpdates(arrays, updates);
      for (const { e, saved } of held) for (const name in saved) this.views[e].arrays[name].set(saved[name]);
      for (const p of Object.values(params)) p.grad = null;
    });
    return this.losses;
  }

  /**
   * Takes the members whose loss is not finite (they diverged) out of the update: their
   * parameters are saved and, with their gradients, zeroed for the transforms (their NaNs stay
   * out of them), then put back after the update.
   */
  private hold(updates: Arrays): { e: number; saved: Arrays }[] {
    const held: { e: number; saved: Arrays }[] = [];
    this.stack.live.forEach((e, at) => {
      if (Number.isFinite(this.losses[e])) return;
      const saved: Record<string, T.FloatArray> = {};
      for (const name in this.stack.arrays) {
        const block = this.views[e].arrays[name];
        saved[name] = block.slice();
        block.fill(0);
        updates[name].fill(0, at * this.perMember[name], (at + 1) * this.perMember[name]);
      }
      held.push({ e, saved });
    });
    return held;
  }
}
