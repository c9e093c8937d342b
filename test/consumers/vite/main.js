import { startApp } from '../shared/app.js';

// Vite bundles the worker module it finds in this exact `new Worker(new URL(...))` pattern.
startApp(() => new Worker(new URL('../shared/worker.js', import.meta.url), { type: 'module' }));
