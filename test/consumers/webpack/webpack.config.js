// webpack 5 recipe for sonorisk (after `npx sonorisk assets --out public/sonorisk --ort wasm --models`):
// `webpack` builds into public/build/, `webpack serve --mode development` serves the app.
import { join } from 'node:path';

export default {
  mode: 'production',
  context: import.meta.dirname,
  entry: { main: './main.js' },
  output: { path: join(import.meta.dirname, 'public', 'build'), publicPath: '/build/', clean: true },
  resolve: {
    // The Emscripten codec loaders require('fs'/'path') in a branch that runs only in Node.
    fallback: { fs: false, path: false },
    // The app serves the WASM codecs (configureCodecs({ wasmBaseUrl })), so the pure-JS fallback
    // builds (1.5 MB, never loaded) are left out: without this, minifying them takes minutes.
    alias: {
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decode': false,
      '@cornerstonejs/codec-openjpeg/decode': false,
      '@cornerstonejs/codec-charls/decode': false,
    },
  },
  module: {
    // onnxruntime-web's .wasm comes from /sonorisk/ort/ (ort.env.wasm.wasmPaths): do not emit a
    // second 14 MB copy for its `new URL('…wasm', import.meta.url)`.
    parser: { javascript: { url: false } },
  },
  performance: { hints: false },
  // `webpack serve --mode development` (webpack-dev-server): the bundles from memory at /build/,
  // everything else (index.html, the sonorisk assets) from public/.
  devServer: { static: { directory: join(import.meta.dirname, 'public') }, devMiddleware: { publicPath: '/build/' } },
};
