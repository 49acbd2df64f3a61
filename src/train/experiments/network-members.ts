// Network runs of one model as ONE computation over a leading member axis: every parameter is
// stacked [E, ...shape], the model's applyMembers runs the E forwards as one batched GEMM and one
// elementwise pass per layer, the tape records one graph for all members, and the optimizer
// updates all of them in one transform (per-member hyper-parameters, see optim/members.ts).
// Members may differ in seed (init and minibatches), init scale and optimizer hyper-parameters;
// each member's kernels sum in the order of its run alone, so its metrics are bit-identical.
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

export class NetworkMembers {
  readonly members: EnsembleMember[];
  /** the members' parameters, stacked along the member axis */
  private readonly params: Params;
  private readonly arrays: Arrays;
  private readonly optimizer: Transform;
  private state: State;
  private readonly batchKeys: Key[];
  private readonly losses: Float64Array;
  private readonly seed: T.Tensor;
  /** elements of each parameter per member */
  private readonly perMember: Record<string, number>;

  constructor(
    configs: readonly RunConfig[],
    private readonly model: Model,
    private readonly objective: NetworkObjective,
  ) {
    if (!model.applyMembers) throw new Error(`model ${configs[0].model.name} has no member axis; train its members one by one`);
    const E = configs.length;
    const { dtype } = configs[0].training;
    for (const c of configs) checkParameterMemory(model.shapes, c);
    const names = Object.keys(model.shapes);
    this.perMember = Object.fromEntries(names.map((n) => [n, model.shapes[n].reduce((a, b) => a * b, 1)]));
    const stacked = (n: string) => (dtype === 'float64' ? new Float64Array(E * this.perMember[n]) : new Float32Array(E * this.perMember[n]));
    this.arrays = Object.fromEntries(names.map((n) => [n, stacked(n)]));
    configs.forEach((c, e) => {
      const own = initParams(model, networkKeys(c).init, dtype, initScaleOf(c.model));
      for (const n of names) this.arrays[n].set(own[n].data, e * this.perMember[n]);
    });
    this.params = Object.fromEntries(names.map((n) => [n, new T.Tensor(this.arrays[n], [E, ...model.shapes[n]], true)]));
    this.optimizer = buildEnsembleOptimizer(
      configs.map((c) => c.optimizer),
      { shapes: Object.fromEntries(names.map((n) => [n, [E, ...model.shapes[n]]])) },
    );
    this.state = this.optimizer.init(this.arrays);
    this.batchKeys = configs.map((c) => networkKeys(c).batches);
    this.losses = new Float64Array(E);
    this.seed = T.ones([E], { dtype });

    const ensemble = this;
    this.members = configs.map((config, e) => {
      const arrays: Arrays = Object.fromEntries(names.map((n) => [n, this.block(n, e)]));
      const params: Params = Object.fromEntries(names.map((n) => [n, new T.Tensor(arrays[n], model.shapes[n])]));
      return {
        config,
        arrays,
        shapes: model.shapes,
        get state() {
          return memberState(ensemble.state, e, E);
        },
        set state(s: State) {
          setMemberState(ensemble.state, e, E, s);
        },
        evaluate: () => objective.evaluate(params, arrays),
        baselines: objective.baselines,
      };
    });
  }

  private block(name: string, e: number) {
    return this.arrays[name].subarray(e * this.perMember[name], (e + 1) * this.perMember[name]);
  }

  /**
   * One step of every member still training (`active[e]`); returns the losses before the update,
   * NaN for a member whose loss is not finite (as a run alone reports it). A member inactive or
   * with a non-finite loss keeps its parameters as they are.
   */
  step(step: number, active: readonly boolean[]): Float64Array {
    const batches = this.batchKeys.map((k) => this.objective.minibatch(step, k));
    const inputs = batches.every((b) => b === batches[0]) ? [batches[0]] : batches;
    T.tidy(() => {
      const losses = this.objective.memberLoss(this.model.applyMembers!(this.params, inputs), inputs);
      losses.backward(this.seed);
      for (let e = 0; e < this.losses.length; e++) this.losses[e] = Number.isFinite(losses.data[e]) ? losses.data[e] : NaN;
      const updates = Object.fromEntries(Object.entries(this.params).map(([name, p]) => [name, p.grad!.data]));
      const held = this.hold(active, updates);
      this.optimizer.update(updates, this.state, this.arrays);
      applyUpdates(this.arrays, updates);
      for (const { e, saved } of held) for (const name in saved) this.block(name, e).set(saved[name]);
      for (const p of Object.values(this.params)) p.grad = null;
    });
    return this.losses;
  }

  /**
   * Takes the members that do not step (inactive, or a non-finite loss) out of the update: their
   * parameters are saved and, with their gradients, zeroed for the transforms (a diverged
   * member's NaNs stay out of them), then put back after the update.
   */
  private hold(active: readonly boolean[], updates: Arrays): { e: number; saved: Arrays }[] {
    const held: { e: number; saved: Arrays }[] = [];
    for (let e = 0; e < this.losses.length; e++) {
      if (active[e] && Number.isFinite(this.losses[e])) continue;
      const saved: Record<string, T.FloatArray> = {};
      for (const name in this.arrays) {
        const block = this.block(name, e);
        saved[name] = block.slice();
        block.fill(0);
        updates[name].fill(0, e * this.perMember[name], (e + 1) * this.perMember[name]);
      }
      held.push({ e, saved });
    }
    return held;
  }
}
