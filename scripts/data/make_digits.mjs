#!/usr/bin/env node
/**
 * Make public/digits.bin from ../shared/data/digits.csv.gz (the UCI "Optical Recognition of
 * Handwritten Digits" test split as shipped with scikit-learn: 1797 rows of 64 pixel values 0..16,
 * then the label 0..9). Run from the repository root:
 *
 *     node scripts/data/make_digits.mjs [path/to/digits.csv.gz]
 *
 * The format is read by engine/data/digits.ts (parseDigits); keep the two in step:
 *   bytes 0..3   "LSDG" (magic)
 *   byte  4      format version, 1
 *   bytes 5, 6   rows, cols per image (8, 8)
 *   byte  7      largest pixel value (16)
 *   bytes 8..11  image count N, unsigned 32-bit little-endian
 *   then N * rows * cols pixel bytes (image after image, row-major), then N label bytes.
 * Credit (CC BY 4.0): "Optical Recognition of Handwritten Digits, E. Alpaydin and C. Kaynak, UCI
 * Machine Learning Repository, CC BY 4.0" -- see public/DIGITS-CREDIT.txt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const source = process.argv[2] ?? fileURLToPath(new URL('../../../shared/data/digits.csv.gz', import.meta.url));
const target = fileURLToPath(new URL('../../public/digits.bin', import.meta.url));
const ROWS = 8, COLS = 8, PIXELS = ROWS * COLS, MAX_VALUE = 16, CLASSES = 10;

const lines = gunzipSync(readFileSync(source)).toString('utf8').split('\n').filter((l) => l.trim() !== '');
const count = lines.length;
const out = new Uint8Array(12 + count * (PIXELS + 1));
out.set([0x4c, 0x53, 0x44, 0x47, 1, ROWS, COLS, MAX_VALUE]); // "LSDG", version, rows, cols, max
new DataView(out.buffer).setUint32(8, count, true);
lines.forEach((line, n) => {
  const values = line.split(',').map((v) => Number(v));
  if (values.length !== PIXELS + 1) throw new Error(`row ${n + 1}: ${values.length} values, expected ${PIXELS + 1}`);
  values.forEach((v, i) => {
    const max = i < PIXELS ? MAX_VALUE : CLASSES - 1;
    if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`row ${n + 1}, column ${i + 1}: ${v} is not an integer in 0..${max}`);
  });
  out.set(values.slice(0, PIXELS), 12 + n * PIXELS);
  out[12 + count * PIXELS + n] = values[PIXELS];
});
writeFileSync(target, out);
console.log(`wrote ${target}: ${count} images, ${out.length} bytes`);
