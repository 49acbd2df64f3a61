// Prints GFLOP/s of the gemm backends on the shapes of one grokking MLP step.
// Run: npm run build && node dist/bench/gemm-main.js
import { jsBackend } from '../kernels/js/index.js';
import { loadNativeBackend } from '../kernels/native/index.js';
import { loadWasmBackend } from '../kernels/wasm/index.js';
import { benchGemm, type GemmBenchOptions } from './gemm.js';

const shapes: [string, number, number, number, GemmBenchOptions][] = [
  ['A·B', 4704, 256, 512, {}],
  ['A·B', 4704, 512, 97, {}],
  ['Aᵀ·B', 256, 4704, 512, { transA: true }],
  ['Aᵀ·B', 512, 4704, 97, { transA: true }],
  ['A·Bᵀ', 4704, 512, 256, { transB: true }],
  ['A·Bᵀ', 4704, 97, 512, { transB: true }],
];

const backends = [
  ['js', jsBackend],
  ['wasm', loadWasmBackend()],
  ['native', loadNativeBackend()],
] as const;

const row = (cells: string[]) => cells.map((s, i) => s.padStart(i === 1 ? 16 : 12)).join('');
console.log('GFLOP/s of C = op(A)·op(B), C m×n, single thread');
console.log(row(['op', 'm×k×n', ...backends.flatMap(([name]) => [`${name} f32`, `${name} f64`])]));
for (const [op, m, k, n, options] of shapes) {
  const cells = backends.flatMap(([, backend]) => (['f32', 'f64'] as const).map((dtype) => benchGemm(backend, m, k, n, { ...options, dtype }).toFixed(2)));
  console.log(row([op, `${m}×${k}×${n}`, ...cells]));
}
