// The consumer app shared by every bundler recipe: pick DICOM files, then in a Web Worker open each
// one, decode its first frame (WASM codecs), build the clip and run the R-US demo model
// (onnxruntime-web), and compute the AUC on this thread. Results land in window.__result for the test.
import { aucCI } from 'sonorisk/stats';
import { SonoriskWorker } from 'sonorisk/worker';

const $ = (id) => document.getElementById(id);

/**
 * @param {() => Worker} createWorker how this bundler starts the worker module
 */
export function startApp(createWorker) {
  const input = $('files');
  input.addEventListener('change', () => {
    run([...input.files], createWorker).then(
      (r) => {
        $('out').textContent = `AUC ${r.auc.auc.toFixed(3)} (${r.auc.lower.toFixed(3)}–${r.auc.upper.toFixed(3)}) over ${r.n} simulated cases`;
        window.__result = r;
      },
      (e) => {
        $('out').textContent = `${e.code ?? 'ERROR'}: ${e.message}`;
        window.__error = `${e.code ?? ''} ${e.message}`;
      },
    );
  });
  window.__ready = true;
}

async function run(files, createWorker) {
  // cases.json: the simulated cases' labels and ROI boxes (the test writes it next to the page).
  const cases = await (await fetch('/cases.json')).json();
  const sw = new SonoriskWorker(createWorker());
  await sw.configure({ codecs: { wasmBaseUrl: '/sonorisk/codecs/' } });
  const model = await sw.loadModel('/sonorisk/models/demo/r-us/manifest.json');
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const out = { frames: {}, probabilities: {}, progress: 0 };
  const frames = [];
  performance.mark('sonorisk:predict:start'); // the window a trace reads (scripts/trace-longtasks.ts)
  const t0 = performance.now();
  for (const file of files) {
    const cine = await sw.open(file);
    const f = await sw.frame(cine, 0);
    frames.push([file.name, f, cine.frameCount]);
    const c = cases[file.name];
    const box = c?.box ?? { x0: cine.width >> 2, y0: cine.height >> 2, x1: (3 * cine.width) >> 2, y1: (3 * cine.height) >> 2 };
    if (cine.frameCount >= 2) {
      const r = await sw.predict(
        { cines: { bmode: cine.id }, boxes: { bmode: box }, models: [model.id], clipOptions: { allowRepeats: true } },
        { onProgress: () => out.progress++ },
      );
      out.probabilities[file.name] = r.predictions[0].probability;
    }
    await sw.release({ cine });
  }
  out.workerMs = performance.now() - t0;
  performance.measure('sonorisk:predict', 'sonorisk:predict:start');
  await new Promise((r) => setTimeout(r, 100)); // let the observer deliver
  out.longTasks = longTasks.splice(0);
  // Control: a deliberately long task on this thread must be seen, or the measure above means
  // nothing. Fixed work (2·10⁸ additions: ≥ 60 ms of CPU on any current core), not a wall-clock spin,
  // which on a busy machine gets little CPU and would not test the CPU-time measure.
  performance.mark('sonorisk:control:start');
  let x = 0;
  for (let i = 0; i < 2e8; i++) x = (x + i) | 0;
  performance.measure('sonorisk:control', 'sonorisk:control:start');
  out.control = x;
  await new Promise((r) => setTimeout(r, 100));
  out.controlLongTasks = longTasks.splice(0);
  // The test's pixel check (compared with Node's decode), after the measured window: a full pass
  // over a 640×480×3 frame in cold (unoptimised) code takes ~10 ms — the app's work, not sonorisk's.
  for (const [name, f, frameCount] of frames) {
    let sum = 0;
    for (let i = 0; i < f.data.length; i++) sum += f.data[i];
    out.frames[name] = { width: f.width, height: f.height, channels: f.channels, frameCount, sum };
  }
  observer.disconnect();
  const names = Object.keys(cases).filter((n) => n in out.probabilities);
  out.n = names.length;
  out.auc = aucCI(
    names.map((n) => cases[n].label),
    names.map((n) => out.probabilities[n]),
  );
  sw.terminate();
  return out;
}
