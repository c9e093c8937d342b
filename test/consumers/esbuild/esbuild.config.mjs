// esbuild recipe for sonorisk: `await esbuild.build(config)` (after `npx sonorisk assets --out public/sonorisk --ort wasm --models`).
export default {
  entryPoints: { main: 'main.js', worker: '../shared/worker.js' },
  outdir: 'public/build',
  bundle: true,
  // ESM + splitting: each codec stays a lazy chunk fetched only when a file needs it
  // (without splitting everything lands in one 2 MB file).
  format: 'esm',
  splitting: true,
  platform: 'browser',
  minify: true,
  // The Emscripten codec loaders require('fs'/'path') in a branch that runs only in Node.
  external: ['fs', 'path'],
  logLevel: 'warning',
};
