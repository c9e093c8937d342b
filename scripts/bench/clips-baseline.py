#!/usr/bin/env python3
"""Python baselines for scripts/bench/clips.ts: pydicom + Pillow (+ OpenCV when installed, else
Pillow/numpy) from file bytes to the same four clip tensors.

Usage: /usr/bin/python3 scripts/bench/clips-baseline.py all|selected FILE.dcm JOB.json
  all       the usual pipeline: ds.pixel_array decodes every frame, then crop/resize/pad the selected ones
  selected  decode only the selected frames' JPEG fragments with Pillow
JOB.json: {"clips": [[frame indices]...], "box": [x0, y0, x1, y1], "size": S}
Prints one JSON line: {"seconds", "maxRssMB", "decoded", "resize"}.
"""
import io
import json
import resource
import sys
import time

import numpy as np
import pydicom
from PIL import Image
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers import pillow_handler

try:
    import cv2  # noqa: F401
    HAVE_CV2 = True
except ImportError:
    HAVE_CV2 = False

mode, path, job_path = sys.argv[1], sys.argv[2], sys.argv[3]
job = json.load(open(job_path))
x0, y0, x1, y1 = job["box"]
S = job["size"]


def clip_frame(rgb):
    """crop → BT.601 luma → longest side S (area/box filter) → symmetric zero pad, float32."""
    crop = rgb[y0:y1, x0:x1].astype(np.float32)
    g = crop[..., 0] * 0.299 + crop[..., 1] * 0.587 + crop[..., 2] * 0.114
    h, w = g.shape
    scale = S / max(h, w)
    nh, nw = max(1, int(round(h * scale))), max(1, int(round(w * scale)))
    if HAVE_CV2:
        r = cv2.resize(g, (nw, nh), interpolation=cv2.INTER_AREA)
    else:
        r = np.asarray(Image.fromarray(g, "F").resize((nw, nh), Image.BOX))
    out = np.zeros((S, S), np.float32)
    top, left = (S - nh) // 2, (S - nw) // 2
    out[top:top + nh, left:left + nw] = r / 255.0
    return out


with open(path, "rb") as f:
    data = f.read()
t0 = time.perf_counter()  # timed from bytes in memory, as sonorisk
ds = pydicom.dcmread(io.BytesIO(data))
wanted = sorted({i for c in job["clips"] for i in c})
if mode == "all":
    pydicom.config.pixel_data_handlers = [pillow_handler]
    arr = ds.pixel_array  # every frame, RGB
    decoded = {i: arr[i] for i in wanted}
    n_decoded = arr.shape[0]
else:
    want = set(wanted)
    decoded = {}
    n = int(ds.NumberOfFrames)
    for i, frag in enumerate(generate_pixel_data_frame(ds.PixelData, n)):
        if i in want:
            decoded[i] = np.asarray(Image.open(io.BytesIO(frag)).convert("RGB"))
    n_decoded = len(decoded)
clips = [np.stack([clip_frame(decoded[i]) for i in c])[None, None] for c in job["clips"]]
seconds = time.perf_counter() - t0
print(json.dumps({
    "seconds": seconds,
    "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "decoded": n_decoded,
    "resize": "opencv INTER_AREA" if HAVE_CV2 else "Pillow BOX (no OpenCV installed)",
    "shapes": [list(c.shape) for c in clips],
}))
