#!/usr/bin/python3
"""Writes the benchmark cine for scripts/bench/decode.ts (not committed; cached under .bench/):
a 2-minute, 15 fps, 640x480 JPEG Baseline YBR_FULL_422 US Multi-frame file (1800 frames, one
fragment per frame, Basic Offset Table). Frames: speckle-like texture with a moving bright
"lesion" and sector mask, encoded by Pillow (libjpeg-turbo) with 4:2:2 subsampling, quality 80.

usage: /usr/bin/python3 scripts/bench/decode-make-cine.py OUT.dcm [frames]
"""
import io, sys
import numpy as np
from PIL import Image
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import JPEGBaseline8Bit, generate_uid

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1800
H, W = 480, 640
rng = np.random.default_rng(7)
base = rng.gamma(1.5, 40, size=(H * 2, W * 2)).astype(np.float32)
y, x = np.mgrid[0:H, 0:W]
sector = ((x - W / 2) ** 2 + (y + 60) ** 2 < (H + 40) ** 2) & (np.abs(x - W / 2) < (y + 60) * 0.8)
frames = []
for i in range(n):
    dy, dx = (i * 3) % H, (i * 5) % W
    img = base[dy:dy + H, dx:dx + W].copy()
    cx, cy = W / 2 + 120 * np.sin(i / 90), H / 2 + 60 * np.cos(i / 70)
    img += 120 * np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (2 * 45.0 ** 2)))
    img *= sector
    g = np.clip(img, 0, 255).astype(np.uint8)
    rgb = np.stack([g, g, np.clip(g.astype(np.int16) + 10, 0, 255).astype(np.uint8)], axis=-1)
    if i % 2 == 0:  # some colour (Doppler-like overlay) so chroma is non-trivial
        rgb[200:260, 300:360, 0] = 220
    buf = io.BytesIO()
    Image.fromarray(rgb, 'RGB').save(buf, format='JPEG', quality=80, subsampling=1)  # 4:2:2
    frames.append(buf.getvalue())

meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.3.1'
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = JPEGBaseline8Bit
ds = Dataset()
ds.file_meta = meta
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
ds.Modality = 'US'
ds.FrameTime = '66.6667'
ds.FrameIncrementPointer = pydicom.tag.Tag(0x0018, 0x1063)
ds.NumberOfFrames = n
ds.Rows, ds.Columns = H, W
ds.SamplesPerPixel = 3
ds.PhotometricInterpretation = 'YBR_FULL_422'
ds.PlanarConfiguration = 0
ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
ds.PixelData = encapsulate(frames, has_bot=True)
ds['PixelData'].is_undefined_length = True
ds['PixelData'].VR = 'OB'
ds.save_as(out, write_like_original=False)
print(f'wrote {out}: {n} frames, {sum(map(len, frames)) / n / 1024:.1f} KiB per frame')
