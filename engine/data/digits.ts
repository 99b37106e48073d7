/**
 * The handwritten digits (Optical Recognition of Handwritten Digits, E. Alpaydin and C. Kaynak,
 * UCI Machine Learning Repository, CC BY 4.0): 1797 images of 8 x 8 pixels with values 0..16,
 * labels 0..9, shipped as public/digits.bin (made by scripts/data/make_digits.mjs):
 *   bytes 0..3 "LSDG"; byte 4 version 1; bytes 5, 6 rows and cols (8, 8); byte 7 largest pixel
 *   value (16); bytes 8..11 count N (uint32, little-endian); N * rows * cols pixel bytes; N labels.
 * parseDigits is pure: the worker fetches the bytes, Node reads them from public/.
 */
export const DIGITS_FILE = 'digits.bin';
export const DIGITS_CLASSES = 10;
/** Images in digits.bin (the UCI set's test split as shipped with scikit-learn). */
export const DIGITS_COUNT = 1797;
const MAGIC = [0x4c, 0x53, 0x44, 0x47]; // "LSDG"
const HEADER = 12;

export interface Digits {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count x (rows * cols) pixel values 0..maxValue, image after image, row-major. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly maxValue: number;
}

/** Read the compact digits file. Throws an error saying what is wrong with a damaged file. */
export function parseDigits(bytes: Uint8Array): Digits {
  if (bytes.length < HEADER) throw new Error(`digits file: ${bytes.length} bytes is shorter than its ${HEADER}-byte header`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('digits file: does not start with "LSDG" (not a digits.bin file?)');
  if (bytes[4] !== 1) throw new Error(`digits file: format version ${bytes[4]}, this engine reads version 1`);
  const rows = bytes[5], cols = bytes[6], maxValue = bytes[7];
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const size = rows * cols;
  const expected = HEADER + count * (size + 1);
  if (rows === 0 || cols === 0 || count === 0) throw new Error(`digits file: empty (${count} images of ${rows} x ${cols})`);
  if (bytes.length !== expected) throw new Error(`digits file: ${bytes.length} bytes, expected ${expected} for ${count} images of ${rows} x ${cols}`);
  const pixels = bytes.slice(HEADER, HEADER + count * size);
  const labels = bytes.slice(HEADER + count * size, expected);
  for (let i = 0; i < pixels.length; i++) {
    if (pixels[i] > maxValue) throw new Error(`digits file: image ${Math.floor(i / size)} has pixel value ${pixels[i]} > ${maxValue}`);
  }
  for (let i = 0; i < count; i++) {
    if (labels[i] >= DIGITS_CLASSES) throw new Error(`digits file: image ${i} has label ${labels[i]}, expected 0..9`);
  }
  return { count, rows, cols, pixels, labels, maxValue };
}
