/**
 * Training steps per second for a few configs, and a check that a step allocates nothing:
 *
 *     node --expose-gc --import tsx engine/train/throughput.ts [seconds per config, default 2] [query ...]
 *
 * Each config is warmed up (V8 optimizes the kernels), then timed in rounds of ~0.25 s; the median
 * round is printed. Evaluations are kept out of the timing (evalevery is set past the run). With
 * --expose-gc it also prints the heap growth over 2000 steps: ~0 bytes per step means nothing is
 * allocated per step (PERFORMANCE.md: allocation shows up as GC jank).
 */
import { parseQuery } from '../contract/config.ts';
import { readDataFile } from '../cli/train.ts';
import { Trainer } from '../train/trainer.ts';

const DEFAULT_QUERIES = [
  'data=circles&depth=2&width=16&batch=32',
  'data=circles&depth=2&width=16&batch=256',
  'data=spiral&depth=2&width=16&batch=32&opt=adam&norm=batch',
  'data=digits&depth=2&width=64&act=relu&init=he_normal&batch=64&opt=adam',
  'data=digits&depth=3&width=100&act=sigmoid&batch=60',
  'data=digits&depth=3&width=100&act=sigmoid&batch=60&norm=batch',
];

const args = process.argv.slice(2);
const seconds = args.length > 0 && /^[\d.]+$/.test(args[0]) ? Number(args.shift()) : 2;
const queries = args.length > 0 ? args : DEFAULT_QUERIES;

const gc = (globalThis as { gc?: () => void }).gc;

for (const query of queries) {
  const { config, problems } = parseQuery(`${query}&evalevery=100000`);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const trainer = new Trainer(config, readDataFile(config));
  const warmEnd = performance.now() + 300;
  while (performance.now() < warmEnd) trainer.run(10);
  const rates: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 250) n += trainer.run(5);
    rates.push((n * 1000) / (performance.now() - t0));
  }
  rates.sort((a, b) => a - b);
  let heap = '';
  if (gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    trainer.run(2000);
    heap = `, heap ${((process.memoryUsage().heapUsed - before) / 2000).toFixed(1)} B/step`;
  }
  const median = rates[rates.length >> 1];
  console.log(`${query.padEnd(72)} ${median.toFixed(0).padStart(7)} steps/s (${(1000 / median).toFixed(3)} ms/step, ${rates.length} rounds${heap})`);
}
