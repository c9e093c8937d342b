#!/usr/bin/python3
"""Baseline for scripts/bench/decode.ts: pydicom 2.3 + Pillow on the same cine and frames.
Prints JSON: open time (dcmread, pixel data deferred), per-frame decode time of the given frame
indices (pydicom's encapsulated-frame generator + Pillow JPEG decode to an RGB array), peak RSS.

usage: /usr/bin/python3 scripts/bench/decode-baseline.py FILE.dcm i,j,k,...
"""
import io, json, sys, time
import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_frame
from PIL import Image

def vm_hwm_mb():
    # Peak RSS of this process image (VmHWM; getrusage's maxrss is inherited over fork+exec).
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    return float('nan')


path, idx = sys.argv[1], [int(s) for s in sys.argv[2].split(',')]
t0 = time.perf_counter()
ds = pydicom.dcmread(path, defer_size='1 KB')
n = int(ds.NumberOfFrames)
t_open = time.perf_counter() - t0
want = set(idx)
encoded = {}
t1 = time.perf_counter()
for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, n)):
    if i in want:
        encoded[i] = f
t_index = time.perf_counter() - t1
times = []
for i in idx:
    t = time.perf_counter()
    arr = np.asarray(Image.open(io.BytesIO(encoded[i])).convert('RGB'))
    times.append(time.perf_counter() - t)
assert arr.shape == (ds.Rows, ds.Columns, 3)
print(json.dumps({'open_s': t_open, 'frame_walk_s': t_index, 'frame_ms': [t * 1000 for t in times],
                  'peak_rss_mb': vm_hwm_mb()}))
