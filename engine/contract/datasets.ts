/**
 * The data sets a link may name, as a registry: what each is (generated from the seed, or read
 * from a file the page serves), its input shape, its classes and its size, without building it.
 * The worker builds the examples (engine/data/); the page and the CLI only need these facts.
 */
import type { Config } from './config.ts';

export const TOY_NAMES = ['spiral', 'circles', 'moons', 'xor', 'blobs'] as const;
export type ToyName = (typeof TOY_NAMES)[number];

/** 'none' is the probe's synthetic input: it has no labels, so nothing trains on it. */
export const DATA_NAMES = ['none', ...TOY_NAMES, 'digits', 'mnist', 'fashion'] as const;
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
  /** Whether inputs are standardized with the training split's mean and sd. */
  readonly standardized: boolean;
  /**
   * Over what: each feature (pixel) alone, or each channel's pixels together (absent: 'feature').
   * Per channel keeps a rare pixel's value from growing hundreds of sds past its training sd.
   */
  readonly standardizedPer?: 'feature' | 'channel';
  /** What each class is, by label (absent: the label itself, e.g. a digit). */
  readonly classNames?: readonly string[];
  /** A file too large to fetch ahead: the offline build caches it only once it is picked. */
  readonly onDemand?: boolean;
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
  mnist: {
    title: '28×28 handwritten digits (MNIST)', source: 'file', file: 'mnist.bin', inputShape: [1, 28, 28], standardized: true,
    classesOf: () => 10, countOf: () => 6000, onDemand: true, standardizedPer: 'channel',
  },
  fashion: {
    title: '28×28 clothing (Fashion-MNIST)', source: 'file', file: 'fashion.bin', inputShape: [1, 28, 28], standardized: true,
    classesOf: () => 10, countOf: () => 6000, onDemand: true, standardizedPer: 'channel',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  },
};

/** Files the page fetches only when their data set is picked (never on first load). */
export const ON_DEMAND_FILES: readonly string[] = Object.values(DATASETS).flatMap((d) => (d.onDemand && d.file ? [d.file] : []));

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
