// Workers do not see the page's import map: import by URL. Both files come from `sonorisk assets`.
import * as ort from '/sonorisk/ort/ort.wasm.bundle.min.mjs';
import { serveSonoriskWorker } from '/sonorisk/lib/worker.js';

ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: '/sonorisk/ort/ort-wasm-simd-threaded.wasm' };
serveSonoriskWorker({ ort, sessionOptions: { executionProviders: ['wasm'] } });
