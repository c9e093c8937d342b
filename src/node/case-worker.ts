/**
 * Worker-thread entry of the cohort pipeline (see case-pool.ts): initialises once from
 * `workerData`, then processes one case per message.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isSonoriskError } from '../errors.js';
import type { CohortCase } from '../study/index.js';
import type { CasePoolInit } from './case-pool.js';
import { prepareCase } from './prepare.js';
import { configureNativeJpeg } from './native-jpeg.js';
import { loadModelSet, type ModelSet, predictCase } from './predict.js';

const port = parentPort;
const init = workerData as CasePoolInit & { nativeJpeg?: boolean };
// the main thread's native-JPEG switch (configureNativeJpeg), which module state alone would not carry here
if (init.nativeJpeg !== undefined) configureNativeJpeg({ enabled: init.nativeJpeg });
const fail = (e: unknown) => ({ type: 'failed', code: isSonoriskError(e) ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) });

if (port) {
  let models: ModelSet | undefined;
  const ready = (async () => {
    if (init.stage === 'predict') models = await loadModelSet(init.modelsPath, { threads: init.threads });
  })();
  ready.then(
    () => port.postMessage({ type: 'ready' }),
    (e: unknown) => port.postMessage(fail(e)),
  );
  port.on('message', async (m: { case: CohortCase; dir: string; todo: string[] }) => {
    try {
      const result =
        init.stage === 'prepare' ? await prepareCase(m.case, m.dir, init.specs, m.todo, init.clipOptions) : await predictCase(m.case, models!, m.todo, init.clipOptions);
      port.postMessage({ type: 'done', result });
    } catch (e) {
      port.postMessage(fail(e));
    }
  });
}
