import type { Plugin } from 'esbuild';
import { type Options, defineConfig } from 'tsup';

/**
 * The standalone browser build (dist/browser/, ESM, every dependency inlined) for pages without a
 * bundler: `sonorisk assets --bundle` copies it, docs/runtimes.md shows the plain <script type=module>
 * recipe. It needs the WASM codecs (configureCodecs({ wasmBaseUrl })): the pure-JS codec fallbacks
 * (1.5 MB) are replaced by a stub that throws CODEC_FAILED saying so.
 */
const noPureJsCodecs: Plugin = {
  name: 'sonorisk-no-pure-js-codecs',
  setup(build) {
    // The Emscripten loaders' Node branch (require('fs'/'path')) never runs in a browser.
    build.onResolve({ filter: /^(fs|path)$/ }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^@cornerstonejs\/codec-[a-z0-9-]+\/decode$/ }, (args) => ({ path: args.path, namespace: 'no-pure-js-codec' }));
    build.onLoad({ filter: /.*/, namespace: 'no-pure-js-codec' }, (args) => ({
      contents: `export default function () { throw new Error(${JSON.stringify(`${args.path}: the standalone browser build has no pure-JS codecs; call configureCodecs({ wasmBaseUrl }) and serve the codec .wasm files (sonorisk assets).`)}); }`,
      loader: 'js',
    }));
  },
};

export const configs: Options[] = [{
  entry: {
    index: 'src/index.ts',
    'preprocess/index': 'src/preprocess/index.ts',
    'phases/index': 'src/phases/index.ts',
    'models/index': 'src/models/index.ts',
    'stats/index': 'src/stats/index.ts',
    'report/index': 'src/report/index.ts',
    'study/index': 'src/study/index.ts',
    'simulate/index': 'src/simulate/index.ts',
    'worker/index': 'src/worker/index.ts',
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
  // optionalDependencies are not external by default in tsup: the codecs and dcmjs stay packages
  // (resolved at run time from the user's node_modules, lazily), never inlined into dist; sharp
  // (optional native JPEG in sonorisk/node) is imported only from src/node, lazily.
  external: [/^@cornerstonejs\//, 'jpeg-lossless-decoder-js', 'dcmjs', 'sharp'],
},
  {
    entry: { index: 'src/index.ts', worker: 'src/worker/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    platform: 'browser',
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'es2022',
    splitting: true,
    treeshake: true,
    minify: true,
    noExternal: [/.*/],
    esbuildPlugins: [noPureJsCodecs],
  },
];

export default defineConfig(configs);
