// A message-passing graph network with edge-conditioned convolutions (Gilmer et al. 2017's edge
// network; PyTorch Geometric's NNConv), the model of Omnigrok's QM9 experiment (Fig. 5): a small
// MLP maps each edge's features to a matrix W_e [in, out]; node i receives Σ (or mean) over its
// incoming edges j → i of x_j · W_e, adds its own x_i · W_root and a bias, then a ReLU. After the
// convolutions the nodes of each graph are pooled (sum or mean) and an MLP reads out the
// prediction. A minibatch of graphs is one disjoint union, as PyG batches them.
import { z } from 'zod';
import { foldIn, initialize, type InitSpec, type Key } from '../random/index.js';
import { required, type Examples, type Graph } from '../tasks/dataset.js';
import * as T from '../tensor/index.js';
import type { Model, ModelContext, Params } from './model.js';

const width = z.number().int().min(1);

export const mpnnSchema = z
  .object({
    name: z.literal('mpnn'),
    channels: z.array(width).min(1).describe('output width of each edge-conditioned convolution, e.g. [32, 16] (Omnigrok)'),
    edgeHidden: width.describe("hidden width of the MLP that maps edge features to a convolution's weight matrix (Omnigrok: 32)"),
    aggregation: z.enum(['sum', 'mean']).describe('how a node combines its incoming messages: sum (NNConv\'s default "add") or mean'),
    pooling: z.enum(['sum', 'mean']).describe('how a graph combines its nodes before the read-out: sum (global_add_pool) or mean'),
    readoutHidden: z.array(width).describe('hidden widths of the read-out MLP after pooling, ReLU between (Omnigrok: [32])'),
    initScale: z.number().positive().describe('Omnigrok α: every parameter is multiplied by it after the default init'),
  })
  .strict();
export type MpnnConfig = z.infer<typeof mpnnSchema>;

/** A minibatch of graphs as one graph: nodes and edges concatenated, indices offset. */
export interface GraphBatch {
  graphs: number;
  nodes: number;
  nodeFeatures: Float64Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeFeatures: Float64Array;
  /** the graph each node belongs to */
  nodeGraph: Int32Array;
}

export function batchGraphs(graphs: readonly Graph[], nodeWidth: number, edgeWidth: number): GraphBatch {
  const nodes = graphs.reduce((n, g) => n + g.nodes, 0);
  const edges = graphs.reduce((n, g) => n + g.edgeSource.length, 0);
  const out: GraphBatch = {
    graphs: graphs.length,
    nodes,
    nodeFeatures: new Float64Array(nodes * nodeWidth),
    edgeSource: new Int32Array(edges),
    edgeTarget: new Int32Array(edges),
    edgeFeatures: new Float64Array(edges * edgeWidth),
    nodeGraph: new Int32Array(nodes),
  };
  let node = 0;
  let edge = 0;
  graphs.forEach((g, k) => {
    out.nodeFeatures.set(g.nodeFeatures, node * nodeWidth);
    out.edgeFeatures.set(g.edgeFeatures, edge * edgeWidth);
    for (let e = 0; e < g.edgeSource.length; e++) {
      out.edgeSource[edge + e] = node + g.edgeSource[e];
      out.edgeTarget[edge + e] = node + g.edgeTarget[e];
    }
    out.nodeGraph.fill(k, node, node + g.nodes);
    node += g.nodes;
    edge += g.edgeSource.length;
  });
  return out;
}

/** 1 / (how often each of `count` ids occurs), as a column [count, 1]; 0 for ids that never occur. */
function inverseCounts(ids: Int32Array, count: number, dtype: T.DType): T.Tensor {
  const counts = new Float64Array(count);
  for (const i of ids) counts[i]++;
  return T.tensor(
    counts.map((c) => (c > 0 ? 1 / c : 0)),
    [count, 1],
    { dtype },
  );
}

export function mpnn(config: MpnnConfig, ctx: ModelContext): Model {
  if (ctx.input.kind !== 'graphs')
    throw new Error(`model mpnn reads graphs; this task gives ${ctx.input.kind === 'tokens' ? 'token sequences' : 'dense features'}`);
  const { nodeFeatures: nodeWidth, edgeFeatures: edgeWidth } = ctx.input;
  const widths = [nodeWidth, ...config.channels];
  const readout = [config.channels.at(-1)!, ...config.readoutHidden, ctx.outputs];
  const shapes: Record<string, number[]> = {};
  const inits: Record<string, { spec: InitSpec; fanIn: number }> = {};
  const add = (name: string, shape: number[], spec: InitSpec, fanIn: number) => {
    shapes[name] = shape;
    inits[name] = { spec, fanIn };
  };
  const torchLinear = { name: 'pytorchDefaultLinear' } as const;
  config.channels.forEach((out, l) => {
    const inW = widths[l];
    // The edge network: PyTorch's default Linear init for weights and biases.
    add(`conv${l}.edge.w0`, [edgeWidth, config.edgeHidden], torchLinear, edgeWidth);
    add(`conv${l}.edge.b0`, [config.edgeHidden], torchLinear, edgeWidth);
    add(`conv${l}.edge.w1`, [config.edgeHidden, inW * out], torchLinear, config.edgeHidden);
    add(`conv${l}.edge.b1`, [inW * out], torchLinear, config.edgeHidden);
    // NNConv's root weight: PyG's Linear, U(±1/√in) like PyTorch's; its bias starts at zero.
    add(`conv${l}.root`, [inW, out], torchLinear, inW);
    add(`conv${l}.bias`, [out], { name: 'constant', value: 0 }, inW);
  });
  readout.slice(1).forEach((out, k) => {
    add(`readout.w${k}`, [readout[k], out], torchLinear, readout[k]);
    add(`readout.b${k}`, [out], torchLinear, readout[k]);
  });

  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const { spec, fanIn } = inits[name];
      params[name] = new T.Tensor(initialize(foldIn(key, i), spec, { shape, dtype, fanIn }), shape);
    });
    return params;
  }

  function convolve(params: Params, h: T.Tensor, edges: T.Tensor, g: GraphBatch, l: number, inverseDegree: T.Tensor | null): T.Tensor {
    const [inW, out] = [widths[l], widths[l + 1]];
    const p = (name: string) => params[`conv${l}.${name}`];
    const self = T.linear(h, p('root'), p('bias'));
    const count = g.edgeSource.length;
    if (count === 0) return T.relu(self);
    const weights = T.reshape(T.linear(T.linear(edges, p('edge.w0'), p('edge.b0'), 'relu'), p('edge.w1'), p('edge.b1')), [count, inW, out]);
    const sources = T.reshape(T.take(h, g.edgeSource, 0), [count, 1, inW]);
    const messages = T.reshape(T.matmul(sources, weights), [count, out]);
    let received = T.segmentSum(messages, g.edgeTarget, g.nodes);
    if (inverseDegree) received = T.mul(received, inverseDegree);
    return T.relu(T.add(self, received));
  }

  function apply(params: Params, batch: Examples): T.Tensor {
    const dtype = params['conv0.root'].dtype;
    const g = batchGraphs(required(batch, 'graphs', 'mpnn'), nodeWidth, edgeWidth);
    const edges = T.tensor(g.edgeFeatures, [g.edgeSource.length, edgeWidth], { dtype });
    const inverseDegree = config.aggregation === 'mean' ? inverseCounts(g.edgeTarget, g.nodes, dtype) : null;
    let h = T.tensor(g.nodeFeatures, [g.nodes, nodeWidth], { dtype });
    for (let l = 0; l < config.channels.length; l++) h = convolve(params, h, edges, g, l, inverseDegree);
    h = T.segmentSum(h, g.nodeGraph, g.graphs);
    if (config.pooling === 'mean') h = T.mul(h, inverseCounts(g.nodeGraph, g.graphs, dtype));
    const layers = readout.length - 1;
    for (let k = 0; k < layers; k++) h = T.linear(h, params[`readout.w${k}`], params[`readout.b${k}`], k < layers - 1 ? 'relu' : 'none');
    return h;
  }

  return { shapes, init, apply };
}
