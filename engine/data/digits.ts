/**
 * The image files the page serves (public/*.bin), all in one compact format:
 *   bytes 0..3 "LSDG"; byte 4 version 1; bytes 5, 6 rows and cols; byte 7 largest pixel value;
 *   bytes 8..11 count N (uint32, little-endian); N * rows * cols pixel bytes; N labels 0..9.
 * digits.bin: the handwritten digits (Optical Recognition of Handwritten Digits, E. Alpaydin and
 * C. Kaynak, UCI Machine Learning Repository, CC BY 4.0), 1797 images of 8 x 8 pixels, values
 * 0..16 (scripts/data/make_digits.mjs). mnist.bin and fashion.bin: 6000 images of 28 x 28,
 * values 0..255 (scripts/data/make_images.mjs).
 * parseImageFile is pure: the worker fetches the bytes, Node reads them from public/.
 */
export const DIGITS_FILE = 'digits.bin';
export const DIGITS_CLASSES = 10;
/** Images in digits.bin (the UCI set's test split as shipped with scikit-learn). */
export const DIGITS_COUNT = 1797;
const MAGIC = [0x4c, 0x53, 0x44, 0x47]; // "LSDG"
const HEADER = 12;

/** Grey-scale images with labels, as read from an image file (the digits were the first). */
export interface Digits {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count x (rows * cols) pixel values 0..maxValue, image after image, row-major. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly maxValue: number;
}
export type ImageFile = Digits;

/** Read an image file (`what` names it in errors). Throws an error saying what is wrong with a damaged file. */
export function parseImageFile(bytes: Uint8Array, what: string, classes = DIGITS_CLASSES): ImageFile {
  if (bytes.length < HEADER) throw new Error(`${what}: ${bytes.length} bytes is shorter than its ${HEADER}-byte header`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error(`${what}: does not start with "LSDG" (not a Layerscope image file?)`);
  if (bytes[4] !== 1) throw new Error(`${what}: format version ${bytes[4]}, this engine reads version 1`);
  const rows = bytes[5], cols = bytes[6], maxValue = bytes[7];
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const size = rows * cols;
  const expected = HEADER + count * (size + 1);
  if (rows === 0 || cols === 0 || count === 0) throw new Error(`${what}: empty (${count} images of ${rows} x ${cols})`);
  if (bytes.length !== expected) throw new Error(`${what}: ${bytes.length} bytes, expected ${expected} for ${count} images of ${rows} x ${cols}`);
  const pixels = bytes.slice(HEADER, HEADER + count * size);
  const labels = bytes.slice(HEADER + count * size, expected);
  for (let i = 0; i < pixels.length; i++) {
    if (pixels[i] > maxValue) throw new Error(`${what}: image ${Math.floor(i / size)} has pixel value ${pixels[i]} > ${maxValue}`);
  }
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classes) throw new Error(`${what}: image ${i} has label ${labels[i]}, expected 0..${classes - 1}`);
  }
  return { count, rows, cols, pixels, labels, maxValue };
}

/** Read the compact digits file. */
export function parseDigits(bytes: Uint8Array): Digits {
  return parseImageFile(bytes, 'digits file');
}
