import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// The engine suite runs once per kernel backend: all of them must pass the same tests.
const engine = ['src/tensor/**/*.test.ts', 'src/kernels/**/*.test.ts', 'src/optim/**/*.test.ts', 'src/metrics/**/*.test.ts', 'src/models/**/*.test.ts'];
// The native kernels' own tests (against js, across instruction sets) need the addon: native project only.
const notNative = [...configDefaults.exclude, 'src/kernels/native/**'];

// The native project needs build/Release/groklab.node. In CI (CI set) a missing addon must fail
// loudly: the project runs anyway, and GROKLAB_BACKEND=native throws in every test. Locally,
// without a C++ compiler, the project is skipped with a notice instead (once: the config is
// loaded more than once per run, and the environment carries the flag).
const nativeBuilt = existsSync(new URL('./build/Release/groklab.node', import.meta.url));
if (!nativeBuilt && !process.env.CI && !process.env.GROKLAB_NATIVE_SKIP_NOTED) {
  process.env.GROKLAB_NATIVE_SKIP_NOTED = '1';
  process.stderr.write(
    'vitest: build/Release/groklab.node is not built (see build/native-build.log); skipping the native project (CI=1 makes this an error)\n',
  );
}
const useNative = nativeBuilt || Boolean(process.env.CI);
const native = useNative ? [{ extends: true, test: { name: 'native', include: engine, env: { GROKLAB_BACKEND: 'native' } } }] : [];

// Everything above the engine (training, runs, sweeps, reproductions, the CLI, the dashboard)
// runs once, on the backend users get by default: native, pinned to its AVX2 kernels so that
// a test's numbers are the same on every x86-64 machine (AVX-512 or not); wasm without the addon.
const appEnv = useNative ? { GROKLAB_BACKEND: 'native', GROKLAB_NATIVE_ISA: 'avx2' } : { GROKLAB_BACKEND: 'wasm' };

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // One test file per core (vitest's default leaves one core idle); tests that spawn CLI
    // processes spread them over the cores too.
    maxWorkers: availableParallelism(),
    projects: [
      { extends: true, test: { name: 'wasm', include: engine, exclude: notNative, env: { GROKLAB_BACKEND: 'wasm' } } },
      { extends: true, test: { name: 'js', include: engine, exclude: notNative, env: { GROKLAB_BACKEND: 'js' } } },
      ...native,
      { extends: true, test: { name: 'app', include: ['src/**/*.test.ts'], exclude: [...notNative, ...engine], env: appEnv } },
    ],
  },
});
