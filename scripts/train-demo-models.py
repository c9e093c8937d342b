#!/usr/bin/python3
"""Trains the bundled demo models (models/demo/) on sonorisk's own `prepare` output.

Run from the repository root after `npm run build`:  /usr/bin/python3 scripts/train-demo-models.py
Needs Debian's python3-torch, python3-onnx, python3-sklearn (see CONTRIBUTING.md).

1. Simulates a synthetic TRAINING cohort (seed 'demo-train-2026', DEMO_RENDER settings — the demo's
   held-out cohort uses another seed) with a stratified 80/20 train/validation split.
2. Runs `sonorisk prepare` with models/demo/specs.json, so the tensors are exactly those sonorisk feeds.
3. For each model id: 5-fold stratified cross-validation on the 80% training part, one small
   MONAI-style 3D ResNet per fold; the threshold is Youden's J on the out-of-fold predictions; the
   five folds (mean probability) are scored on the 20% internal validation part.
4. Exports each fold to ONNX and writes models/demo/<id>/manifest.json and models/demo/TRAINING.md.
These are demonstration models trained on simulated data — not for clinical use.
"""
import hashlib
import json
import os
import subprocess
import sys
import time

import numpy as np
import torch
from sklearn.metrics import roc_auc_score, roc_curve
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures'))
from resnet3d_monai import ResNet3d, export_onnx  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
WORK = os.path.join(ROOT, '.bench', 'demo-train')
OUT = os.path.join(ROOT, 'models', 'demo')
N_CASES = int(os.environ.get('DEMO_TRAIN_CASES', '300'))
SEED = 'demo-train-2026'
MODELS = ['R-US', 'R-CEUS', 'R-CEUS45', 'R-CEUS2']
T, H, W = 8, 64, 64
WIDTHS = [4, 8, 16, 16]
EPOCHS = int(os.environ.get('DEMO_EPOCHS', '30'))
SPECS = {m: {'frames': T, 'size': [H, W]} for m in MODELS}


def run(cmd):
    print('$', ' '.join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def simulate_and_prepare():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'specs.json'), 'w') as f:
        json.dump(SPECS, f, indent=1)
    script = ("import('./dist/node/index.js').then((m) => m.writeSyntheticCohort({ outDir: '%s', n: %d, seed: '%s', "
              "trainFraction: 0.8, idPrefix: 'train-', overrides: m.DEMO_RENDER }))" % (os.path.join(WORK, 'data'), N_CASES, SEED))
    run(['node', '-e', script])
    run(['node', 'dist/node/cli.js', 'prepare', os.path.join(WORK, 'data', 'cohort.json'), '--out',
         os.path.join(WORK, 'prepared'), '--specs', os.path.join(OUT, 'specs.json'), '--workers', '2'])


def load(model_id, cases):
    x = np.stack([np.load(os.path.join(WORK, 'prepared', 'cases', c['id'], model_id + '.npy'))[0] for c in cases])
    return torch.from_numpy(x.astype(np.float32))


def train_fold(x, y, seed):
    torch.manual_seed(seed)
    model = ResNet3d([1, 1, 1, 1], WIDTHS, n_input_channels=1, num_classes=1, conv1_t_size=3)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, EPOCHS)
    pos_weight = torch.tensor([(len(y) - y.sum()) / max(1.0, y.sum())])
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    g = torch.Generator().manual_seed(seed)
    yt = torch.from_numpy(y.astype(np.float32))
    for _ in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(y), generator=g)
        for k in range(0, len(y), 16):
            idx = perm[k:k + 16]
            xb = x[idx]
            flip = torch.rand(len(idx), generator=g) < 0.5  # left-right flip: lesions have no handedness
            xb = torch.where(flip[:, None, None, None, None], xb.flip(-1), xb)
            opt.zero_grad()
            loss = loss_fn(model(xb).squeeze(1), yt[idx])
            loss.backward()
            opt.step()
        sched.step()
    model.eval()
    return model


def predict(model, x):
    with torch.no_grad():
        return torch.sigmoid(model(x).squeeze(1)).numpy()


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    torch.set_num_threads(2)
    t0 = time.time()
    if not os.environ.get('DEMO_SKIP_PREPARE'):
        simulate_and_prepare()
    with open(os.path.join(WORK, 'data', 'cohort.json')) as f:
        cases = json.load(f)['cases']
    train = [c for c in cases if c['split'] == 'train']
    valid = [c for c in cases if c['split'] == 'validation']
    y_tr = np.array([c['outcome'] for c in train])
    y_va = np.array([c['outcome'] for c in valid])
    log = {'cohort': {'seed': SEED, 'cases': len(cases), 'train': len(train), 'validation': len(valid),
                      'events_train': int(y_tr.sum()), 'events_validation': int(y_va.sum())},
           'architecture': f'MONAI-style 3D ResNet, BasicBlock [1,1,1,1], widths {WIDTHS}, conv1 3x7x7',
           'input': f'1x{T}x{H}x{W} (sonorisk prepare, specs.json)', 'epochs': EPOCHS, 'torch': torch.__version__,
           'models': {}}
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=2026)
    for mi, model_id in enumerate(MODELS):
        x_tr, x_va = load(model_id, train), load(model_id, valid)
        oof = np.zeros(len(train))
        folds, fold_aucs, valid_probs = [], [], []
        folder = os.path.join(OUT, model_id.lower())
        os.makedirs(folder, exist_ok=True)
        for k, (tr, te) in enumerate(skf.split(np.zeros(len(y_tr)), y_tr)):
            model = train_fold(x_tr[tr], y_tr[tr], seed=1000 * mi + k)
            oof[te] = predict(model, x_tr[te])
            fold_aucs.append(float(roc_auc_score(y_tr[te], oof[te])))
            valid_probs.append(predict(model, x_va))
            path = os.path.join(folder, f'fold-{k + 1}.onnx')
            export_onnx(model, path, 1, T, H, W, opset=13, dynamic_batch=True)
            folds.append({'file': f'fold-{k + 1}.onnx', 'sha256': sha256(path)})
            print(model_id, 'fold', k + 1, 'AUC', round(fold_aucs[-1], 3), flush=True)
        fpr, tpr, thr = roc_curve(y_tr, oof)
        threshold = float(min(1.0, thr[int(np.argmax(tpr - fpr))]))
        valid_auc = float(roc_auc_score(y_va, np.mean(valid_probs, axis=0)))
        entry = {'cvAucs': fold_aucs, 'oofAuc': float(roc_auc_score(y_tr, oof)), 'youdenThresholdOof': threshold,
                 'internalValidationAuc': valid_auc}
        log['models'][model_id] = entry
        manifest = {'format': 'sonorisk-model-manifest', 'formatVersion': 1, 'model': model_id,
                    'name': f'{model_id} demo (synthetic data, not for clinical use)', 'runtime': 'onnx',
                    'spec': {'frames': T, 'size': [H, W], 'threshold': round(threshold, 6)}, 'folds': folds,
                    'ensemble': 'mean-probability', 'preprocessing': {'version': 'sonorisk-clip/1'},
                    'training': {'script': 'scripts/train-demo-models.py', **entry, 'cohortSeed': SEED, 'demonstration': True}}
        with open(os.path.join(folder, 'manifest.json'), 'w') as f:
            json.dump(manifest, f, indent=1)
        print(model_id, entry, flush=True)
    log['seconds'] = round(time.time() - t0, 1)
    with open(os.path.join(OUT, 'training-log.json'), 'w') as f:
        json.dump(log, f, indent=1)
    rows = '\n'.join(f"| {m} | {', '.join(f'{a:.2f}' for a in e['cvAucs'])} | {e['oofAuc']:.3f} | {e['youdenThresholdOof']:.3f} | {e['internalValidationAuc']:.3f} |"
                     for m, e in log['models'].items())
    with open(os.path.join(OUT, 'TRAINING.md'), 'w') as f:
        f.write(f"""# Demo models — demonstration only, trained on simulated data, NOT for clinical use

Written by `scripts/train-demo-models.py` ({log['seconds']} s on this machine, torch {torch.__version__}).
Training cohort: {len(cases)} synthetic cases (seed `{SEED}`), stratified 80/20: {len(train)} train
({int(y_tr.sum())} events), {len(valid)} internal validation ({int(y_va.sum())} events). Each model: five folds
(5-fold stratified CV on the train part), {log['architecture']}, input {log['input']}, {EPOCHS} epochs of
AdamW, class-weighted BCE, random left-right flips. Threshold: Youden's J on the out-of-fold predictions.

| model | fold AUCs (CV) | out-of-fold AUC | threshold | internal validation AUC (5-fold mean) |
| --- | --- | --- | --- | --- |
{rows}

The demo (`sonorisk demo`) evaluates them on a further held-out synthetic cohort with another seed.
""")


if __name__ == '__main__':
    main()
