/**
 * The data sets read from a file the page serves (contract/datasets.ts says which, and the file's
 * name): how each file's bytes become examples. The worker fetches the bytes from the page's own
 * origin; Node reads them from public/. A damaged file throws an error that says what is wrong.
 */
import { DATASETS, type DataName } from '../contract/datasets.ts';
import type { Config } from '../contract/config.ts';
import { parseDigits, type Digits } from './digits.ts';

/** A file-backed set: grey-scale images with labels (the digits file's format). */
export type DataFile = Digits;

const PARSERS: Partial<Record<DataName, (bytes: Uint8Array) => DataFile>> = {
  digits: parseDigits,
};

/** Whether the config's data set comes from a file. */
export function needsDataFile(config: Config): config is Config & { data: DataName } {
  return config.data !== 'none' && DATASETS[config.data].source === 'file';
}

/** The examples in a file-backed set's bytes. */
export function parseDataFile(name: DataName, bytes: Uint8Array): DataFile {
  const parse = PARSERS[name];
  if (!parse) throw new Error(`data=${name} is not read from a file`);
  return parse(bytes);
}
