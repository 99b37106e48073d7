import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDigits } from './digits.ts';

const bytes = new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url)));
// The source the binary was made from (scripts/data/make_digits.mjs); CI has ../shared beside the repository.
const CSV = fileURLToPath(new URL('../../../shared/data/digits.csv.gz', import.meta.url));

describe('parseDigits on public/digits.bin', () => {
  const digits = parseDigits(bytes);

  it('holds 1797 images of 8 x 8 pixels in 0..16 and labels 0..9, about 180 of each', () => {
    expect([digits.count, digits.rows, digits.cols, digits.maxValue]).toEqual([1797, 8, 8, 16]);
    expect(digits.pixels.length).toBe(1797 * 64);
    expect(Math.max(...digits.pixels)).toBe(16);
    const counts = new Array<number>(10).fill(0);
    for (const l of digits.labels) counts[l]++;
    for (const c of counts) {
      expect(c).toBeGreaterThanOrEqual(170);
      expect(c).toBeLessThanOrEqual(190);
    }
  });

  it.skipIf(!existsSync(CSV))('is exactly the CSV it was made from (../shared/data/digits.csv.gz)', () => {
    const rows = gunzipSync(readFileSync(CSV)).toString('utf8').trim().split('\n').map((line) => line.split(',').map(Number));
    expect(rows.length).toBe(digits.count);
    rows.forEach((row, n) => {
      expect(Array.from(digits.pixels.subarray(n * 64, (n + 1) * 64))).toEqual(row.slice(0, 64));
      expect(digits.labels[n]).toBe(row[64]);
    });
  });
});

describe('parseDigits on a damaged file', () => {
  const damaged = (edit: (b: Uint8Array) => Uint8Array) => () => parseDigits(edit(Uint8Array.from(bytes)));
  it.each([
    ['too short for the header', (b: Uint8Array) => b.slice(0, 5), /shorter than its 12-byte header/],
    ['not a digits file', (b: Uint8Array) => { b[0] = 0x50; return b; }, /does not start with "LSDG"/],
    ['a newer format', (b: Uint8Array) => { b[4] = 2; return b; }, /version 2/],
    ['truncated', (b: Uint8Array) => b.slice(0, b.length - 1), /116816 bytes, expected 116817/],
    ['a pixel out of range', (b: Uint8Array) => { b[12 + 64 * 3 + 5] = 17; return b; }, /image 3 has pixel value 17/],
    ['a label out of range', (b: Uint8Array) => { b[b.length - 1] = 10; return b; }, /image 1796 has label 10/],
  ] as const)('%s', (_, edit, message) => {
    expect(damaged(edit)).toThrow(message);
  });
});
