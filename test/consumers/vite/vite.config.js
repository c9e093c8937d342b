// Vite recipe for sonorisk (plain object: `export default defineConfig({...})` in your app).
// `npx sonorisk assets --out public/sonorisk --ort wasm --models` first (e.g. as a predev/prebuild script).
export default {
  // The worker imports codecs lazily (code splitting): Vite's default worker format 'iife' cannot.
  worker: { format: 'es' },
  // onnxruntime-web must not be pre-bundled by the dev server (it locates its files relative to itself).
  optimizeDeps: { exclude: ['onnxruntime-web'] },
};
