# Regenerates the Pillow reference data used by PilBicubicTest and ImageProcessorTest.
# Run once with Debian's python3-pil and python3-numpy (the tests themselves never need Python):
#   python3 make_reference.py
# The test image formula is mirrored in Java (TestImages.pixel); keep the two in step.
import random
import zlib
import numpy as np
import PIL
from PIL import Image

def pixel(x, y, c, w, h):
    if ((x // 4) + (y // 4)) % 5 == 0:
        return 255 if (x + y) % 2 else 0  # hard edges: bicubic overshoots and must clip
    s = (x * 374761393 + y * 668265263 + c * 2147483647) & 0xFFFFFFFF
    s = ((s ^ (s >> 13)) * 1274126177) & 0xFFFFFFFF
    s ^= s >> 16
    noise = s & 0xFF
    if c == 0:
        grad = x * 255 // max(w - 1, 1)
    elif c == 1:
        grad = y * 255 // max(h - 1, 1)
    else:
        grad = (x + y) * 255 // max(w + h - 2, 1)
    return (grad * 3 + noise) // 4

def test_image(w, h):
    a = np.zeros((h, w, 3), dtype=np.uint8)
    for y in range(h):
        for x in range(w):
            for c in range(3):
                a[y, x, c] = pixel(x, y, c, w, h)
    return Image.fromarray(a, 'RGB')

def crc(arr):
    return zlib.crc32(np.ascontiguousarray(arr).tobytes()) & 0xFFFFFFFF

lines = ['# Pillow %s, numpy %s: src_w src_h dst_w dst_h crc32(resized RGB bytes, HWC)' % (PIL.__version__, np.__version__)]
cases = [(37, 53, 28, 56), (37, 53, 84, 112), (37, 53, 56, 53), (37, 53, 37, 28),
         (503, 97, 28, 28), (503, 97, 56, 28), (3, 2, 28, 28), (150, 100, 140, 112)]
for (sw, sh, dw, dh) in cases:
    out = test_image(sw, sh).resize((dw, dh), resample=Image.BICUBIC)
    arr = np.asarray(out)
    out.save('bicubic_%dx%d_to_%dx%d.png' % (sw, sh, dw, dh))
    lines.append('resize %d %d %d %d %08x' % (sw, sh, dw, dh, crc(arr)))

# CRC-only cases: seeded random sizes (1..300 in, 1..400 out) and one extreme downscale.
rnd = random.Random(5)
sizes = [(rnd.randint(1, 300), rnd.randint(1, 300), rnd.randint(1, 400), rnd.randint(1, 400)) for _ in range(24)]
for (sw, sh, dw, dh) in sizes + [(1200, 40, 28, 28)]:
    arr = np.asarray(test_image(sw, sh).resize((dw, dh), resample=Image.BICUBIC))
    lines.append('resize_crc %d %d %d %d %08x' % (sw, sh, dw, dh, crc(arr)))

# Full slow-processor pipeline on the 150x100 (w x h) image: resize to 140x112, rescale, normalize,
# two identical frames, then the HF reshape/transpose of the spec (section 5.4).
mean = [0.48145466, 0.4578275, 0.40821073]
std = [0.26862954, 0.26130258, 0.27577711]
img = np.asarray(test_image(150, 100).resize((140, 112), resample=Image.BICUBIC))
x = (img.astype(np.float64) * (1 / 255)).astype(np.float32)
x = (x - np.array(mean, dtype=np.float32)) / np.array(std, dtype=np.float32)
x = x.transpose(2, 0, 1)  # (C, H, W)
frames = np.stack([x, x])  # (T=2, C, H, W)
gt, gh, gw, p, m, tp = 1, 112 // 14, 140 // 14, 14, 2, 2
v = frames.reshape(gt, tp, 3, gh // m, m, p, gw // m, m, p)
v = v.transpose(0, 3, 6, 4, 7, 2, 1, 5, 8)
pv = v.reshape(gt * gh * gw, 3 * tp * p * p).astype('<f4')
lines.append('pixel_values 150 100 %d %d %08x' % (pv.shape[0], pv.shape[1], crc(pv)))
for (r, col) in [(0, 0), (0, 1175), (1, 14), (5, 392 + 196 + 3 * 14 + 7), (79, 1175), (42, 600)]:
    lines.append('pv %d %d %s' % (r, col, np.float32(pv[r, col]).view('<u4').item().__format__('08x')))

# Rescale + normalize lookup (3 x 256 float32) as HF computes it.
lut = (np.arange(256).astype(np.float64) * (1 / 255)).astype(np.float32)
lut = np.stack([(lut - np.float32(mean[c])) / np.float32(std[c]) for c in range(3)]).astype('<f4')
lines.append('normalize_lut %08x' % crc(lut))

# RGBA composited onto white the way transformers' convert_to_rgb does it (alpha_composite).
cc, aa = np.meshgrid(np.arange(256), np.arange(256), indexing='ij')
rgba = np.stack([cc, 255 - cc, cc // 2, aa], axis=-1).astype(np.uint8)
im = Image.fromarray(rgba, 'RGBA')
bg = Image.new('RGBA', im.size, (255, 255, 255))
comp = np.asarray(Image.alpha_composite(bg, im).convert('RGB'))
lines.append('composite_white %08x' % crc(comp))

# A small lossless WebP of the 37x53 test image (exact pixels expected) and a lossy one.
test_image(37, 53).save('test_37x53_lossless.webp', lossless=True)
test_image(37, 53).save('test_37x53_lossy.webp', quality=80)

with open('pil_reference.txt', 'w') as f:
    f.write('\n'.join(lines) + '\n')
print('\n'.join(lines))
