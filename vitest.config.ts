import { defineConfig } from 'vitest/config';

// The engine suite runs once per kernel backend: both must pass the same tests.
const engine = ['src/tensor/**/*.test.ts', 'src/kernels/**/*.test.ts', 'src/optim/**/*.test.ts', 'src/metrics/**/*.test.ts', 'src/models/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'wasm', include: ['src/**/*.test.ts'], env: { GROKLAB_BACKEND: 'wasm' } } },
      { extends: true, test: { name: 'js', include: engine, env: { GROKLAB_BACKEND: 'js' } } },
    ],
  },
});
