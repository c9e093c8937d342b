// The page's worker: decoding, clips and models run here, so the page never freezes.
import * as ort from 'onnxruntime-web/wasm';
import { serveSonoriskWorker } from 'sonorisk/worker';

ort.env.wasm.numThreads = 1; // more threads need cross-origin isolation (COOP/COEP headers)
ort.env.wasm.wasmPaths = { wasm: '/sonorisk/ort/ort-wasm-simd-threaded.wasm' }; // from `sonorisk assets`
serveSonoriskWorker({ ort, sessionOptions: { executionProviders: ['wasm'] } });
