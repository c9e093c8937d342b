// esbuild recipe for sonorisk (after `npx sonorisk assets --out public/sonorisk --ort wasm --models`):
// `await esbuild.build(config)` writes public/build/; for development,
// `await (await esbuild.context(config)).serve({ servedir: 'public' })` serves public/ with the
// bundles built in memory on each request (esbuild's serve mode).
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
