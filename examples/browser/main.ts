/**
 * The example page: open a DICOM cine (drop or pick), draw the ROI box on a frame, see the phase
 * windows its frames cover, and run one of the demo models — all decoding, clip building and
 * inference in a Web Worker (sonorisk/worker), with a progress bar and a Cancel button.
 * The demo models were trained on SIMULATED data: their numbers are not clinical risks.
 */
import { PHASES, selectFrames } from 'sonorisk/phases';
import { type Box, boxFromPoints } from 'sonorisk/preprocess';
import { SonoriskWorker, type WorkerCine, type WorkerModel } from 'sonorisk/worker';

/** Smallest box side in pixels: the models scale the box to 64×64, a few pixels say nothing. */
const MIN_BOX_SIDE = 16;
/** The demo models (models/demo, served by `sonorisk assets --models`). */
const DEMO_MODELS: Record<string, { dir: string; source: 'bmode' | 'ceus' }> = {
  'R-US': { dir: 'r-us', source: 'bmode' },
  'R-CEUS': { dir: 'r-ceus', source: 'ceus' },
  'R-CEUS45': { dir: 'r-ceus45', source: 'ceus' },
  'R-CEUS2': { dir: 'r-ceus2', source: 'ceus' },
};

const sw = new SonoriskWorker(new Worker(new URL('./sonorisk.worker.ts', import.meta.url), { type: 'module' }));
const configured = sw.configure({ codecs: { wasmBaseUrl: '/sonorisk/codecs/' } });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('frame');
const ctx = canvas.getContext('2d')!;
let cine: WorkerCine | undefined;
let image: ImageData | undefined;
let box: Box | undefined;
const models = new Map<string, Promise<WorkerModel>>();
let running: AbortController | undefined;

async function open(file: Blob & { name?: string }): Promise<void> {
  if (cine) await sw.release({ cine });
  try {
    await configured;
    cine = await sw.open(file);
  } catch (e) {
    cine = undefined;
    $('meta').textContent = `Could not open the file: ${(e as Error).message}`;
    return;
  }
  box = undefined;
  const duration = cine.frameTimes.length > 0 ? cine.frameTimes[cine.frameTimes.length - 1]! : Number.NaN;
  $('meta').textContent = `${file.name ?? 'file'}: ${cine.width}×${cine.height}, ${cine.frameCount} frames, ${duration.toFixed(2)} s`;
  canvas.width = cine.width;
  canvas.height = cine.height;
  const slider = $<HTMLInputElement>('frameIndex');
  slider.max = String(cine.frameCount - 1);
  slider.value = '0';
  await showFrame(0);
  updatePhases();
  $<HTMLButtonElement>('predict').disabled = true;
  $('box').textContent = `Drag on the frame to draw the box around the tumour and some liver (at least ${MIN_BOX_SIDE}×${MIN_BOX_SIDE} px).`;
  $('risk').textContent = '';
}

async function showFrame(i: number): Promise<void> {
  if (!cine) return;
  const f = await sw.frame(cine, i);
  image = ctx.createImageData(f.width, f.height);
  const px = image.data;
  const shift = f.data instanceof Uint16Array ? 8 : 0;
  for (let p = 0; p < f.width * f.height; p++) {
    for (let c = 0; c < 3; c++) px[4 * p + c] = f.data[f.channels === 3 ? 3 * p + c : p]! >> shift;
    px[4 * p + 3] = 255;
  }
  $('frameLabel').textContent = `${i} (${(cine.frameTimes[i] ?? Number.NaN).toFixed(3)} s)`;
  redraw();
}

function redraw(): void {
  if (image) ctx.putImageData(image, 0, 0);
  if (box) {
    ctx.strokeStyle = '#ffd400';
    ctx.lineWidth = 1;
    ctx.strokeRect(box.x0 + 0.5, box.y0 + 0.5, box.x1 - box.x0 - 1, box.y1 - box.y0 - 1);
  }
}

function updatePhases(): void {
  if (!cine) return;
  const injectionTime = Number($<HTMLInputElement>('injection').value) || 0;
  const rows = ['<tr><th>phase</th><th>window (s)</th><th>frames</th><th>covered</th></tr>'];
  for (const w of [PHASES.arterial, PHASES.portal, PHASES.dual, PHASES.bmode]) {
    const inject = w.name === 'bmode' ? 0 : injectionTime;
    let frames = '—';
    let covered = 'not covered';
    try {
      const s = selectFrames(cine.frameTimes, w, { injectionTime: inject, strategy: 'all', allowPartial: true });
      frames = `${s.framesInWindow} (${s.indices[0]}–${s.indices[s.indices.length - 1]})`;
      covered = `${(100 * s.coverage).toFixed(0)}%`;
    } catch {
      // not covered at all
    }
    const range = w.name === 'bmode' ? 'whole clip' : `${w.start}–${w.end}`;
    rows.push(`<tr data-phase="${w.name}"><td>${w.name}</td><td>${range}</td><td>${frames}</td><td>${covered}</td></tr>`);
  }
  $('phases').innerHTML = rows.join('');
}

// Box drawing: two corners by dragging, in image pixels.
let start: { x: number; y: number } | undefined;
const toPixel = (e: MouseEvent) => {
  const r = canvas.getBoundingClientRect();
  return { x: Math.round(((e.clientX - r.left) / r.width) * canvas.width - 0.5), y: Math.round(((e.clientY - r.top) / r.height) * canvas.height - 0.5) };
};
canvas.addEventListener('mousedown', (e) => {
  if (cine) start = toPixel(e);
});
canvas.addEventListener('mousemove', (e) => {
  if (!start || !cine) return;
  box = boxFromPoints(start, toPixel(e), { within: { width: cine.width, height: cine.height }, clip: true });
  redraw();
});
canvas.addEventListener('mouseup', (e) => {
  if (!start || !cine) return;
  box = boxFromPoints(start, toPixel(e), { within: { width: cine.width, height: cine.height }, clip: true });
  start = undefined;
  redraw();
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const ok = w >= MIN_BOX_SIDE && h >= MIN_BOX_SIDE;
  $('box').innerHTML = ok
    ? `Box x ${box.x0}–${box.x1}, y ${box.y0}–${box.y1} (${w}×${h} px)`
    : `<span class="warn">Box too small (${w}×${h} px): draw at least ${MIN_BOX_SIDE}×${MIN_BOX_SIDE} px around the tumour and some liver.</span>`;
  $<HTMLButtonElement>('predict').disabled = !ok;
});

$('predict').addEventListener('click', async () => {
  if (!cine || !box) return;
  const id = $<HTMLSelectElement>('model').value;
  const demo = DEMO_MODELS[id]!;
  const bar = $<HTMLProgressElement>('progress');
  const status = $('status');
  running = new AbortController();
  const { signal } = running;
  $<HTMLButtonElement>('cancel').disabled = false;
  $<HTMLButtonElement>('predict').disabled = true;
  $('risk').textContent = '';
  try {
    if (!models.has(id)) {
      const loading = sw.loadModel(`/sonorisk/models/demo/${demo.dir}/manifest.json`, {
        signal,
        onProgress: (p) => {
          bar.value = p.done / p.total;
          status.textContent = p.done < p.total ? `Loading ${id}: fold ${p.done + 1} of ${p.total}` : `Loaded ${id}.`;
        },
      });
      models.set(id, loading);
      loading.catch(() => models.delete(id));
    }
    const model = await models.get(id)!;
    const injectionTime = Number($<HTMLInputElement>('injection').value) || 0;
    const r = await sw.predict(
      { cines: { [demo.source]: cine.id }, boxes: { [demo.source]: box }, injectionTime, models: [model.id], clipOptions: { allowRepeats: true, allowPartial: true } },
      {
        signal,
        onProgress: (p) => {
          // A unit starting shows half done; the stage's last event has done === total.
          bar.value = (p.done + (p.stage === 'model' && p.done < p.total ? 0.5 : 0)) / p.total;
          status.textContent = p.stage === 'clip' ? 'Decoding frames and building the clip…' : `Running ${p.model ?? id}…`;
        },
      },
    );
    const p = r.predictions[0]!;
    bar.value = 1;
    status.textContent = `Done in ${r.timings.totalMs.toFixed(0)} ms (in the worker).`;
    $('risk').innerHTML =
      `<b data-p="${p.probability}">p = ${p.probability.toFixed(3)}</b> (${id}, frames ${p.frames.indices.join(', ')})` +
      (p.warnings.length > 0 ? `<br><small>${p.warnings.join('<br>')}</small>` : '') +
      ' — <span class="warn">demo model trained on simulated data, not a clinical risk</span>';
  } catch (e) {
    status.textContent = '';
    $('risk').textContent = `${(e as { code?: string }).code ?? 'Error'}: ${(e as Error).message}`;
  } finally {
    running = undefined;
    $<HTMLButtonElement>('cancel').disabled = true;
    $<HTMLButtonElement>('predict').disabled = false;
  }
});
$('cancel').addEventListener('click', () => running?.abort());

$<HTMLInputElement>('file').addEventListener('change', (e) => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (f) void open(f);
});
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const f = e.dataTransfer?.files[0];
  if (f) void open(f);
});
$<HTMLInputElement>('frameIndex').addEventListener('input', (e) => void showFrame(Number((e.target as HTMLInputElement).value)));
$<HTMLInputElement>('injection').addEventListener('input', updatePhases);
