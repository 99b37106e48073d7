/**
 * The data sets read from a file the page serves (contract/datasets.ts says which, and the file's
 * name): how each file's bytes become examples. The worker fetches the bytes from the page's own
 * origin; Node reads them from public/. A damaged file throws an error that says what is wrong.
 */
import { DATASETS, type DataName } from '../contract/datasets.ts';
import type { Config } from '../contract/config.ts';
import { parseImageFile, type ImageFile } from './digits.ts';

/** A file-backed set: grey-scale images with labels (the digits file's format). */
export type DataFile = ImageFile;

/** An image file whose images must have the registry's shape (a wrong file would not fit the network). */
function images(name: DataName): (bytes: Uint8Array) => DataFile {
  const { file, inputShape: [, rows, cols] } = DATASETS[name];
  return (bytes) => {
    const parsed = parseImageFile(bytes, file!);
    if (parsed.rows !== rows || parsed.cols !== cols) throw new Error(`${file}: images of ${parsed.rows} x ${parsed.cols}, expected ${rows} x ${cols}`);
    return parsed;
  };
}

const PARSERS: Partial<Record<DataName, (bytes: Uint8Array) => DataFile>> = {
  digits: images('digits'),
  mnist: images('mnist'),
  fashion: images('fashion'),
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
