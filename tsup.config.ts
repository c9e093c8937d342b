import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'preprocess/index': 'src/preprocess/index.ts',
    'phases/index': 'src/phases/index.ts',
    'models/index': 'src/models/index.ts',
    'stats/index': 'src/stats/index.ts',
    'report/index': 'src/report/index.ts',
    'simulate/index': 'src/simulate/index.ts',
    'dicomweb/index': 'src/dicomweb/index.ts',
    'node/index': 'src/node/index.ts',
    'node/cli': 'src/node/cli.ts',
    'node/case-worker': 'src/node/case-worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: true,
  treeshake: true,
});
