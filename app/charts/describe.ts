import { formatReading, type Reading } from '../format/number.ts';

/** "0.5 at layer 1 to 2e-6 at layer 20" (or the one value of a one-layer net); for accessible names. */
export function describeEnds(values: readonly (Reading | null)[]): string {
  const n = values.length;
  const read = (v: Reading | null | undefined) => (v ? formatReading(v) : 'not defined');
  if (n === 0) return 'no layers';
  if (n === 1) return read(values[0]);
  return `${read(values[0])} at layer 1 to ${read(values[n - 1])} at layer ${n}`;
}

/** "3 layers overflowed; 1 layer is exactly 0", or '' when every value is on the axis. */
export function describeOffAxis(values: readonly (Reading | null)[]): string {
  const overflow = values.filter((v) => v?.kind === 'overflow').length;
  const zero = values.filter((v) => v?.kind === 'zero').length;
  return [
    overflow > 0 ? `${overflow} ${overflow === 1 ? 'layer' : 'layers'} overflowed` : '',
    zero > 0 ? `${zero} ${zero === 1 ? 'layer is' : 'layers are'} exactly 0` : '',
  ].filter(Boolean).join('; ');
}

/** "12 hidden layers", "1 hidden layer". */
export function hiddenLayers(n: number): string {
  return `${n} hidden ${n === 1 ? 'layer' : 'layers'}`;
}
