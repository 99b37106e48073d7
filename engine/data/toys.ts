import * as P from '../math/portable.ts';
import type { Rng } from '../rng.ts';
import type { ToyName } from '../contract/datasets.ts';

export interface ToyOptions {
  readonly points: number;
  /** Classes for spiral (arms) and blobs; circles, moons and xor always have 2. */
  readonly classes: number;
  /** Standard deviation of the Gaussian jitter on each coordinate. */
  readonly noise: number;
}

export interface LabeledSet {
  readonly count: number;
  readonly width: number;
  readonly classes: number;
  /** count x width, row-major. */
  readonly inputs: Float32Array;
  readonly labels: Int32Array;
}

export function toyClasses(name: ToyName, classes: number): number {
  return name === 'spiral' || name === 'blobs' ? classes : 2;
}

/** Blob centres sit on a circle of this radius; each blob is N(centre, BLOB_SD^2) before the jitter. */
const BLOB_RADIUS = 0.6;
const BLOB_SD = 0.2;
/** Turns each spiral arm makes from the centre to radius 1. */
const SPIRAL_TURNS = 1;
/** Radius of the inner circle (the outer one has radius 1). */
const INNER_RADIUS = 0.5;
/** XOR points keep this distance from the axes, so the clean classes do not touch. */
const XOR_MARGIN = 0.05;

export function generateToy(name: ToyName, options: ToyOptions, rng: Rng): LabeledSet {
  const { points: count, noise } = options;
  const classes = toyClasses(name, options.classes);
  const inputs = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % classes;
    let x: number, y: number;
    switch (name) {
      case 'spiral': {
        // Arm k starts at angle 2 pi k / K and turns as the radius grows (Lang & Witbrock's two spirals).
        const r = rng.uniform();
        const angle = (2 * Math.PI * k) / classes + 2 * Math.PI * SPIRAL_TURNS * r;
        x = r * P.cos(angle);
        y = r * P.sin(angle);
        break;
      }
      case 'circles': {
        // scikit-learn's make_circles: class 0 on the unit circle, class 1 on a smaller one inside it.
        const angle = 2 * Math.PI * rng.uniform();
        const r = k === 0 ? 1 : INNER_RADIUS;
        x = r * P.cos(angle);
        y = r * P.sin(angle);
        break;
      }
      case 'moons': {
        // scikit-learn's make_moons (upper moon, then lower moon shifted right), centred and scaled by 2/3.
        const t = Math.PI * rng.uniform();
        const mx = k === 0 ? P.cos(t) : 1 - P.cos(t);
        const my = k === 0 ? P.sin(t) : 0.5 - P.sin(t);
        x = ((mx - 0.5) * 2) / 3;
        y = ((my - 0.25) * 2) / 3;
        break;
      }
      case 'xor': {
        // class 0 in the quadrants where x y > 0, class 1 where x y < 0; i >> 1 picks which of the two.
        const ax = XOR_MARGIN + (1 - XOR_MARGIN) * rng.uniform();
        const ay = XOR_MARGIN + (1 - XOR_MARGIN) * rng.uniform();
        const sx = ((i >> 1) & 1) === 0 ? 1 : -1;
        x = sx * ax;
        y = (k === 0 ? sx : -sx) * ay;
        break;
      }
      case 'blobs': {
        const angle = Math.PI / 2 + (2 * Math.PI * k) / classes;
        x = BLOB_RADIUS * P.cos(angle) + BLOB_SD * rng.normal();
        y = BLOB_RADIUS * P.sin(angle) + BLOB_SD * rng.normal();
        break;
      }
    }
    inputs[2 * i] = x + noise * rng.normal();
    inputs[2 * i + 1] = y + noise * rng.normal();
    labels[i] = k;
  }
  return { count, width: 2, classes, inputs, labels };
}
