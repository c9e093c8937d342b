/**
 * Runs test/everywhere/core-steps.mjs in Node against the packed and installed package, with
 * onnxruntime-node and tfjs (cpu) injected. Shared by test/everywhere/node-core.test.ts and
 * scripts/fixtures/everywhere-node.ts (which writes test/fixtures/everywhere/core-node.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { packAndInstall, root } from '../../scripts/pack-install.mjs';
import { coreSteps } from './core-steps.mjs';

export const DICOM = join(root, '..', 'shared', 'data', 'dicom');
export const MODELS = join(root, 'test', 'fixtures', 'models');
export const CORE_NODE_JSON = join(root, 'test', 'fixtures', 'everywhere', 'core-node.json');

/** The packed package's main entry, imported by file URL from the empty-folder install. */
export async function importPacked(): Promise<Record<string, unknown>> {
  const { dir } = packAndInstall();
  return (await import(pathToFileURL(join(dir, 'node_modules', 'sonorisk', 'dist', 'index.js')).href)) as Record<string, unknown>;
}

/** Node's summary of the core steps. */
export async function nodeSummary(): Promise<Record<string, unknown>> {
  const s = await importPacked();
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(join(MODELS, 'resnet3d-c1-tfjs', 'model.json'), 'utf8'));
  const bin = readFileSync(join(MODELS, 'resnet3d-c1-tfjs', 'weights.bin'));
  const model = await tfconv.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      format: json.format,
    }),
  );
  const session = await ort.InferenceSession.create(join(MODELS, 'resnet3d-c1.onnx'), { intraOpNumThreads: 1 });
  return coreSteps(s, {
    ybr: new Uint8Array(readFileSync(join(DICOM, 'examples_ybr_color.dcm'))),
    jpeg2k: new Uint8Array(readFileSync(join(DICOM, 'examples_jpeg2k.dcm'))),
    onnx: { session, ort },
    tfjs: { model, tf },
  });
}
