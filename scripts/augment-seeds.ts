/**
 * npx tsx scripts/augment-seeds.ts "<base query>" <steps> <seeds> <aug> [<aug> ...]
 * Trains the base link with each aug value (use "none" for no augmentation) for each seed 1..seeds
 * and prints the final test accuracy per seed, the mean and the sd: the numbers behind the
 * regularization lab's augmentation presets. Each run is the CLI's (npm run probe -- "<link>&aug=..&seed=s" --steps N).
 */
import { parseQuery } from '../engine/contract/config.ts';
import { readDataFile, runTraining } from '../engine/cli/train.ts';

const [base, stepsText, seedsText, ...augs] = process.argv.slice(2);
const steps = Number(stepsText), seeds = Number(seedsText);
for (const aug of augs) {
  const accs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const parsed = parseQuery(`${base}&seed=${seed}${aug === 'none' ? '' : `&aug=${aug}`}`);
    if (parsed.problems.length > 0) throw new Error(parsed.problems.map((p) => p.message).join('; '));
    const report = runTraining(parsed.config, steps, { track: false, digits: readDataFile(parsed.config) });
    accs.push(report.metrics.testAccuracy ?? NaN);
  }
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  const sd = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, accs.length - 1));
  console.log(`${aug.padEnd(48)} mean ${(100 * mean).toFixed(2)}%  sd ${(100 * sd).toFixed(2)}  [${accs.map((a) => (100 * a).toFixed(1)).join(', ')}]`);
}
