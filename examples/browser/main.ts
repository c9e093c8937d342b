/**
 * The example page: open a DICOM cine (drop or pick), draw the ROI box on a frame, see the phase
 * windows the frames cover, run a model (the random-weight test model) and a ROC demo.
 */
import * as ort from 'onnxruntime-web';
import {
  type Box,
  type Cine,
  type ClipSpec,
  PHASES,
  aucCI,
  boxFromPoints,
  clipForSpec,
  configureCodecs,
  createRng,
  onnxRunner,
  openDicomCine,
  roc,
  selectFrames,
  toProbability,
} from 'sonorisk';
import { rocFigure } from 'sonorisk/report';
import { drawLabel, sampleCovariates } from 'sonorisk/simulate';

// Fast WASM codecs and onnxruntime-web's wasm, both served by this app (see vite.config.ts): no CDN.
configureCodecs({ wasmBaseUrl: '/codecs/' });
ort.env.wasm.wasmPaths = '/ort/';
ort.env.wasm.numThreads = 1;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('frame');
const ctx = canvas.getContext('2d')!;
let cine: Cine | undefined;
let image: ImageData | undefined;
let box: Box | undefined;

/** The test model's input spec (B-mode, 8 frames, 32×32, grey, 0–1). */
const SPEC: ClipSpec = {
  source: 'bmode',
  window: PHASES.bmode,
  frames: 8,
  size: [32, 32],
  channels: 1,
  resizeMode: 'area',
  normalize: { scale: 1 / 255, mean: [0], std: [1] },
};

async function open(file: Blob & { name?: string }): Promise<void> {
  try {
    cine = await openDicomCine(file);
  } catch (e) {
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
  $('box').textContent = 'Drag on the frame to draw the box around the tumour and some liver.';
  $('risk').textContent = '';
}

async function showFrame(i: number): Promise<void> {
  if (!cine) return;
  const f = await cine.frame(i);
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
  $('box').textContent = `Box x ${box.x0}–${box.x1}, y ${box.y0}–${box.y1} (${box.x1 - box.x0}×${box.y1 - box.y0} px)`;
  $<HTMLButtonElement>('predict').disabled = false;
});

let session: Promise<ort.InferenceSession> | undefined;
$('predict').addEventListener('click', async () => {
  if (!cine || !box) return;
  $('risk').textContent = 'Running…';
  session ??= fetch('/models/resnet3d-c1.onnx')
    .then((r) => r.arrayBuffer())
    .then((b) => ort.InferenceSession.create(new Uint8Array(b), { executionProviders: ['wasm'] }));
  try {
    const clip = await clipForSpec(cine, SPEC, { box, allowRepeats: true });
    const logits = await onnxRunner(await session, ort).run(clip.clip);
    const p = toProbability(logits, 'sigmoid')[0]!;
    $('risk').innerHTML = `<b data-p="${p}">p = ${p.toFixed(3)}</b> (logit ${logits[0]!.toFixed(4)}; frames ${clip.frameIndices.join(', ')}) — <span class="warn">test model, random weights</span>`;
  } catch (e) {
    $('risk').textContent = `Error: ${(e as Error).message}`;
  }
});

function rocDemo(): void {
  const rng = createRng(139);
  const labels: number[] = [];
  const scores: Record<string, number[]> = { 'Model A': [], 'Model B': [] };
  for (let i = 0; i < 139; i++) {
    const { label, probability } = drawLabel(sampleCovariates(rng), rng);
    labels.push(label);
    const z = Math.log(probability / (1 - probability));
    scores['Model A']!.push(z + 0.6 * rng.normal());
    scores['Model B']!.push(z + 1.5 * rng.normal());
  }
  const series = Object.entries(scores).map(([name, s]) => {
    const c = roc(labels, s);
    const ci = aucCI(labels, s);
    return { name, fpr: c.specificities.map((sp) => 1 - sp), tpr: c.sensitivities, auc: ci.auc, ci: [ci.lower, ci.upper] as const };
  });
  $('auc').textContent = series.map((s) => `${s.name}: AUC ${s.auc.toFixed(3)} (${s.ci[0].toFixed(3)}–${s.ci[1].toFixed(3)})`).join(' · ');
  $('roc').innerHTML = rocFigure(series, { width: 380, height: 380 });
}

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
rocDemo();
