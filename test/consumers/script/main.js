import { startApp } from '/shared/app.js';

startApp(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
