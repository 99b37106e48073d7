/**
 * The data sets a link may name, as a registry: what each is (generated from the seed, or read
 * from a file the page serves), its input shape, its classes and its size, without building it.
 * The worker builds the examples (engine/data/); the page and the CLI only need these facts.
 */
import type { Config } from './config.ts';

export const TOY_NAMES = ['spiral', 'circles', 'moons', 'xor', 'blobs'] as const;
export type ToyName = (typeof TOY_NAMES)[number];

/** 'none' is the probe's synthetic input: it has no labels, so nothing trains on it. */
export const DATA_NAMES = ['none', ...TOY_NAMES, 'digits'] as const;
export type DataName = Exclude<(typeof DATA_NAMES)[number], 'none'>;

export interface DatasetInfo {
  /** How people name it. */
  readonly title: string;
  /** 'generated': drawn from the seed (points, classes, noise); 'file': read from `file` beside the page. */
  readonly source: 'generated' | 'file';
  /** The file the page serves (public/), for source 'file'. */
  readonly file?: string;
  /** One example's shape: [features] for points, [channels, height, width] for images. */
  readonly inputShape: readonly number[];
  /** Classes for this config (spiral and blobs take the `classes` key). */
  classesOf(config: Config): number;
  /** Examples, training and test together, for this config. */
  countOf(config: Config): number;
  /** Whether inputs are standardized per feature with the training split's mean and sd. */
  readonly standardized: boolean;
}

const toy = (title: string, fixedClasses: number | null): DatasetInfo => ({
  title, source: 'generated', inputShape: [2], standardized: false,
  classesOf: (c) => fixedClasses ?? c.classes,
  countOf: (c) => c.points,
});

export const DATASETS: Readonly<Record<DataName, DatasetInfo>> = {
  spiral: toy('spiral', null),
  circles: toy('circles', 2),
  moons: toy('moons', 2),
  xor: toy('xor', 2),
  blobs: toy('blobs', null),
  digits: {
    title: '8×8 handwritten digits', source: 'file', file: 'digits.bin', inputShape: [1, 8, 8], standardized: true,
    classesOf: () => 10, countOf: () => 1797,
  },
};

export function isToy(name: string): name is ToyName {
  return (TOY_NAMES as readonly string[]).includes(name);
}

/** The file the config's data set is read from, or null (generated, or no data set). */
export function dataFileOf(config: Config): string | null {
  return config.data === 'none' ? null : (DATASETS[config.data].file ?? null);
}

/** Features of one example (the network's input width). */
export function inputWidthOf(name: DataName): number {
  return DATASETS[name].inputShape.reduce((a, b) => a * b, 1);
}
