import { describeRun, type Config } from '../../../engine/contract/config.ts';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Run `index` (0 the primary, 1.. each variant) as a heading above its chart: its name in words, "This run" alone. */
export function runHeading(config: Config | null, index: number): string {
  const name = config ? describeRun(config, index) : '';
  return name ? capitalized(name) : index === 0 ? 'This run' : `Variant ${index}`;
}

/** The first variant's heading ("With batch norm"), as the panels that show one variant name it. */
export function variantTitle(config: Config | null): string {
  return runHeading(config, 1);
}
