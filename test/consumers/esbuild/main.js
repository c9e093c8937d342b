import { startApp } from '../shared/app.js';

// esbuild does not bundle workers from `new Worker(...)`: the worker is its own entry point
// (esbuild.config.mjs), emitted next to this file as worker.js.
startApp(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
