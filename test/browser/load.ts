/**
 * Browser-side helpers for the core-steps specs: fetches the real DICOM files as Blobs, loads the
 * ONNX test model on onnxruntime-web (wasm, files served from /ort/) and the tfjs GraphModel (cpu).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';

export async function blob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

export async function runtimes() {
  ort.env.wasm.wasmPaths = '/ort/';
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const onnxBytes = new Uint8Array(await (await blob('/test/fixtures/models/resnet3d-c1.onnx')).arrayBuffer());
  const session = await ort.InferenceSession.create(onnxBytes, { executionProviders: ['wasm'] });
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await tfconv.loadGraphModel('/test/fixtures/models/resnet3d-c1-tfjs/model.json');
  return { onnx: { session, ort }, tfjs: { model, tf }, backend: tf.getBackend() };
}
