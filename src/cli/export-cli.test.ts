// `groklab export weights|metrics` through the real binary, and the exported safetensors read by
// Python (json + numpy.frombuffer, as a user without groklab would) bit for bit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config/defaults.js';
import { readSafetensors } from '../runs/safetensors.js';
import { readWeights, snapshotSteps } from '../runs/weights.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const groklab = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const PYTHON = '/usr/bin/python3';
const hasNumpy = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

// Reads safetensors files with json and numpy only; prints each tensor's dtype, shape and bytes
// (hex), and checks the TransformerLens layout against the groklab-named file of the same step.
const PY_READER = `
import json, struct, sys
import numpy as np
def load(path):
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop('__metadata__')
    assert all(isinstance(v, str) for v in meta.values())
    kinds = {'F32': '<f4', 'F64': '<f8', 'BOOL': '?'}
    out = {}
    for name, t in header.items():
        a, b = t['data_offsets']
        out[name] = np.frombuffer(raw[8 + n + a:8 + n + b], dtype=kinds[t['dtype']]).reshape(t['shape'])
    return out, meta
tl, tl_meta = load(sys.argv[1])
ours, _ = load(sys.argv[2])
cfg = json.loads(tl_meta['transformer_lens_config'])
H, d, dh = cfg['n_heads'], cfg['d_model'], cfg['d_head']
eq = lambda x, y: x.shape == y.shape and x.tobytes() == y.tobytes()
checks = {
    'W_E': eq(tl['embed.W_E'], ours['embed']),
    'W_pos': eq(tl['pos_embed.W_pos'], ours['pos']),
    'W_Q': eq(tl['blocks.0.attn.W_Q'], np.ascontiguousarray(ours['l0.wq'].reshape(d, H, dh).transpose(1, 0, 2))),
    'W_V': eq(tl['blocks.0.attn.W_V'], np.ascontiguousarray(ours['l0.wv'].reshape(d, H, dh).transpose(1, 0, 2))),
    'W_O': eq(tl['blocks.0.attn.W_O'], ours['l0.wo'].reshape(H, dh, d)),
    'W_in': eq(tl['blocks.0.mlp.W_in'], ours['l0.win']),
    'W_U': eq(tl['unembed.W_U'], ours['unembed']),
    'b_U': not tl['unembed.b_U'].any(),
    'mask': eq(tl['blocks.0.attn.mask'], np.tril(np.ones((cfg['n_ctx'], cfg['n_ctx']), dtype=bool))),
}
tensors = {k: {'dtype': str(v.dtype), 'shape': list(v.shape), 'hex': v.tobytes().hex()} for k, v in tl.items()}
print(json.dumps({'meta': tl_meta, 'checks': checks, 'tensors': tensors}))
`;

describe('groklab export', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-export-'));
  const run = join(root, 'transformer');
  const config = join(root, 'transformer.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...DEFAULTS,
      task: { ...DEFAULTS.task, p: 11 },
      model: { name: 'transformer', layers: 1, dModel: 16, heads: 4, dMlp: 32, layerNorm: false, causal: true, initScale: 1 },
      training: { ...DEFAULTS.training, steps: 60, earlyStop: null },
    }),
  );

  it('a trained transformer: final weights and snapshots', () => {
    const r = groklab(['train', '--config', config, '--out', run]);
    expect(r.status, r.stderr).toBe(0);
    expect(snapshotSteps(run).length).toBeGreaterThan(20);
  });

  it.skipIf(!hasNumpy && !process.env.CI)('TransformerLens names, read from Python with numpy bit for bit', () => {
    const step = snapshotSteps(run).at(-2)!;
    const tlFile = join(root, 'tl.safetensors');
    const oursFile = join(root, 'ours.safetensors');
    const a = groklab(['export', 'weights', run, '--step', String(step), '--names', 'transformer-lens', '--out', tlFile]);
    expect(a.status, a.stderr).toBe(0);
    expect(groklab(['export', 'weights', run, '--step', String(step), '--out', oursFile]).status).toBe(0);
    const py = spawnSync(PYTHON, ['-c', PY_READER, tlFile, oursFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(py.status, py.stderr).toBe(0);
    const { meta, checks, tensors } = JSON.parse(py.stdout) as {
      meta: Record<string, string>;
      checks: Record<string, boolean>;
      tensors: Record<string, { dtype: string; shape: number[]; hex: string }>;
    };
    expect(checks).toEqual(Object.fromEntries(Object.keys(checks).map((k) => [k, true])));
    expect(meta).toMatchObject({ step: String(step), names: 'transformer-lens', kind: 'snapshot' });
    expect(meta.config_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(meta.transformer_lens_config)).toMatchObject({
      n_layers: 1,
      d_model: 16,
      n_heads: 4,
      d_head: 4,
      d_mlp: 32,
      d_vocab: 12,
      d_vocab_out: 11,
      n_ctx: 3,
      act_fn: 'relu',
      normalization_type: null,
    });
    // Python's bytes are groklab's: the file as exported and the run's own snapshot.
    const exported = readSafetensors(tlFile).tensors;
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(exported).sort());
    for (const [name, t] of Object.entries(exported)) {
      expect(tensors[name].shape).toEqual(t.shape);
      expect(tensors[name].hex).toBe(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex'));
    }
    const snapshot = readWeights(run, step).tensors;
    expect(tensors['embed.W_E'].hex).toBe(Buffer.from(snapshot.embed.data.buffer).toString('hex'));
    expect(tensors['blocks.0.mlp.W_out'].hex).toBe(Buffer.from(snapshot['l0.wout'].data.buffer).toString('hex'));
  });

  it('bad input: exit 2, one line naming the argument and the allowed values, nothing written', () => {
    const out = join(root, 'bad.safetensors');
    const cases: [string[], RegExp][] = [
      [['--names', 'tlens'], /--names: unknown naming "tlens"; allowed: groklab, transformer-lens/],
      [['--step', '12'], /--step: run .* has no snapshot at step 12; it has snapshots at steps 0, 1, 2, .*60 and final weights/],
      [['--step', 'x'], /--step must be an integer ≥ 0/],
    ];
    for (const [args, message] of cases) {
      const r = groklab(['export', 'weights', run, ...args, '--out', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(existsSync(out)).toBe(false);
    }
    const mlp = join(root, 'mlp');
    expect(
      groklab([
        'train',
        '--set',
        'task.p=7',
        '--set',
        'model.embedDim=4',
        '--set',
        'model.hidden=[8]',
        '--set',
        'training.snapshots=0',
        '--steps',
        '20',
        '--out',
        mlp,
      ]).status,
    ).toBe(0);
    const tlOnMlp = groklab(['export', 'weights', mlp, '--names', 'transformer-lens', '--out', out]);
    expect([tlOnMlp.status, tlOnMlp.stderr]).toEqual([
      2,
      expect.stringMatching(/--names: transformer-lens names exist for model "transformer" only; run .* trains model "mlp" \(allowed for it: groklab\)/),
    ]);
    expect(groklab(['export', 'weights', mlp, '--step', '0', '--out', out]).stderr).toMatch(/has no snapshot at step 0; it has no snapshots and final weights/);
    // A run with no weights at all (as groklab runs were before snapshots).
    const bare = join(root, 'bare');
    expect(groklab(['train', '--set', 'task.p=7', '--steps', '1', '--out', bare]).status).toBe(0);
    spawnSync('rm', ['-r', join(bare, 'weights')]);
    const none = groklab(['export', 'weights', bare, '--out', out]);
    expect([none.status, none.stderr]).toEqual([2, expect.stringMatching(/RUN: .* has no weight snapshots and no final weights/)]);
    expect(existsSync(out)).toBe(false);
    // about ten CLI processes, two of them training
  }, 240_000);

  it('metrics of a run: one tidy CSV and Parquet table with the same rows', async () => {
    const csv = join(root, 'm.csv');
    const parquet = join(root, 'm.parquet');
    expect(groklab(['export', 'metrics', run, '--format', 'csv', '--out', csv]).status).toBe(0);
    expect(groklab(['export', 'metrics', run, '--format', 'parquet', '--out', parquet]).status).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('run,step,metric,value');
    const evals = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((e) => e.event === 'eval');
    const expected = evals.flatMap((e) =>
      Object.entries(e.metrics as Record<string, number>).map(([metric, value]) => ({ run: 'transformer', step: e.step, metric, value })),
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(','))
        .map(([r, s, m, v]) => ({ run: r, step: Number(s), metric: m, value: Number(v) })),
    ).toEqual(expected);
    const bytes = readFileSync(parquet);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect([bytes.subarray(0, 4).toString(), bytes.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows.map((r) => ({ ...r, step: Number(r.step) }))).toEqual(expected);
    expect(
      parquetMetadata(buffer)
        .schema.slice(1)
        .map((s) => [s.name, s.type]),
    ).toEqual([
      ['run', 'BYTE_ARRAY'],
      ['step', 'INT64'],
      ['metric', 'BYTE_ARRAY'],
      ['value', 'DOUBLE'],
    ]);
    const bad = groklab(['export', 'metrics', run, '--format', 'xlsx', '--out', join(root, 'm.xlsx')]);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, 'groklab: --format: unknown format "xlsx"; allowed: csv, parquet']);
    expect(groklab(['export', 'metrics', root, '--format', 'csv', '--out', csv]).stderr).toMatch(
      /RUN\|SWEEP: .* is neither a run directory \(config.json\) nor a sweep directory \(index.json\)/,
    );
  });

  it('metrics of a sweep: every run, with the varied config fields and the seed; each run keeps its weights', async () => {
    const spec = join(root, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'export',
        preset: 'mod97-mlp-adamw',
        method: 'grid',
        seeds: 1,
        config: { task: { p: 7 }, model: { embedDim: 4, hidden: [8] }, training: { steps: 30, earlyStop: null } },
        parameters: { 'optimizer.weightDecay': { values: [0, 1] }, 'model.activation': { values: ['relu', 'tanh'] } },
      }),
    );
    const sweep = join(root, 'sweep');
    const s = groklab(['sweep', spec, '--out', sweep]);
    expect(s.status, s.stderr).toBe(0);
    const index = JSON.parse(readFileSync(join(sweep, 'index.json'), 'utf8')) as { id: string }[];
    for (const { id } of index) expect(readWeights(join(sweep, 'runs', id), 'final').step).toBe(30);
    const parquet = join(root, 'sweep.parquet');
    expect(groklab(['export', 'metrics', sweep, '--format', 'parquet', '--out', parquet]).status).toBe(0);
    const bytes = readFileSync(parquet);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(Object.keys(rows[0])).toEqual(['run', 'step', 'metric', 'value', 'optimizer.weightDecay', 'model.activation', 'training.seed']);
    expect(new Set(rows.map((r) => r.run))).toEqual(new Set(index.map((e) => e.id)));
    expect(new Set(rows.map((r) => `${r['optimizer.weightDecay']} ${r['model.activation']}`))).toEqual(new Set(['0 relu', '0 tanh', '1 relu', '1 tanh']));
    const csv = join(root, 'sweep.csv');
    expect(groklab(['export', 'metrics', sweep, '--format', 'csv', '--out', csv]).status).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('run,step,metric,value,optimizer.weightDecay,model.activation,training.seed');
    expect(readFileSync(csv, 'utf8').trim().split('\n').length).toBe(rows.length + 1);
  });
});
