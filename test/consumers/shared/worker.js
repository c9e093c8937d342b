// The app's worker module: onnxruntime-web's wasm-only build, one thread, its .wasm served by the
// app (`sonorisk assets --ort wasm` copies it to public/sonorisk/ort/); the rest is sonorisk's.
import * as ort from 'onnxruntime-web/wasm';
import { serveSonoriskWorker } from 'sonorisk/worker';

ort.env.wasm.numThreads = 1; // more threads need cross-origin isolation (COOP/COEP headers)
ort.env.wasm.wasmPaths = { wasm: new URL('/sonorisk/ort/ort-wasm-simd-threaded.wasm', self.location.href).href };
serveSonoriskWorker({ ort, sessionOptions: { executionProviders: ['wasm'] } });
