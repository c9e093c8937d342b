#!/usr/bin/env python3
"""Generates the benchmark cine: 1800 frames of 640×480 RGB, JPEG baseline (YBR_FULL_422), 15 fps.

Usage: /usr/bin/python3 scripts/bench/clips-make-cine.py OUT.dcm
Synthetic ultrasound-like content (speckle over a sector-shaped gradient with a moving,
brightening "lesion"), each frame its own JPEG fragment with a Basic Offset Table, Frame Time 66.667 ms.
"""
import io
import sys

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import JPEGBaseline8Bit, generate_uid

out = sys.argv[1]
N, W, H = 1800, 640, 480
rng = np.random.default_rng(1)
yy, xx = np.mgrid[0:H, 0:W]
base = np.clip(200 - 0.3 * yy - 0.001 * (xx - W / 2) ** 2, 0, 255)
frames = []
for i in range(N):
    # speckle at a quarter resolution, smoothed up: compresses like a real cine (~30 kB/frame)
    small = rng.gamma(4.0, 0.25, size=(H // 4, W // 4)).astype(np.float32)
    speckle = np.asarray(Image.fromarray(small, "F").resize((W, H), Image.BILINEAR))
    cx, cy = 320 + 40 * np.sin(i / 90), 240 + 20 * np.cos(i / 70)
    lesion = 120 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * 45 ** 2)) * min(1.0, i / 300)
    g = np.clip(base * speckle + lesion, 0, 255).astype(np.uint8)
    rgb = np.stack([g, g, np.clip(g.astype(np.int16) + 10, 0, 255).astype(np.uint8)], axis=-1)
    buf = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(buf, "JPEG", quality=75, subsampling=1)  # 4:2:2
    frames.append(buf.getvalue())

meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.3.1"  # US Multi-frame Image Storage
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = JPEGBaseline8Bit
ds = Dataset()
ds.file_meta = meta
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.SOPClassUID = meta.MediaStorageSOPClassUID
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.Modality = "US"
ds.Rows, ds.Columns = H, W
ds.SamplesPerPixel = 3
ds.PhotometricInterpretation = "YBR_FULL_422"
ds.PlanarConfiguration = 0
ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
ds.NumberOfFrames = N
ds.FrameTime = "66.667"
ds.FrameIncrementPointer = pydicom.tag.Tag(0x0018, 0x1063)
ds.PixelData = encapsulate(frames, has_bot=True)
ds["PixelData"].is_undefined_length = True
ds["PixelData"].VR = "OB"
ds.save_as(out, write_like_original=False)
print(out, sum(len(f) for f in frames) // 1_000_000, "MB of JPEG")
