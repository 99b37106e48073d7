/**
 * Measures a regularization comparison over several seeds: each query trained for --steps steps
 * per seed (the same Trainer the page and `npm run probe -- --steps` use), then the mean and the
 * range of test accuracy, test loss, training loss and the gap. Prints a table; no timing in it.
 *   npx tsx scripts/measure-regularization.ts --steps 1000 --seeds 1,2,3,4,5 "data=digits&ntrain=10" "data=digits&ntrain=10&wd=0.01"
 */
import { parseQuery } from '../engine/contract/config.ts';
import { readDataFile } from '../engine/cli/train.ts';
import { Trainer } from '../engine/train/trainer.ts';

const args = process.argv.slice(2);
let steps = 1000;
let seeds = [1, 2, 3, 4, 5];
const queries: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--steps') steps = Number(args[++i]);
  else if (args[i] === '--seeds') seeds = args[++i].split(',').map(Number);
  else queries.push(args[i]);
}

const fmt = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const stats = (xs: number[]) => ({ mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });

for (const query of queries) {
  const parsed = parseQuery(query);
  if (parsed.problems.length) {
    console.error(parsed.problems.map((p) => p.message).join('\n'));
    process.exit(2);
  }
  const rows: { acc: number; test: number; train: number; gap: number }[] = [];
  for (const seed of seeds) {
    const config = { ...parsed.config, seed };
    const t = new Trainer(config, readDataFile(config), { ics: false });
    t.run(steps);
    if (t.metrics.evaluatedAt !== t.step) t.evaluate();
    const m = t.metrics;
    rows.push({ acc: m.testAccuracy, test: m.testLoss, train: m.trainLoss, gap: m.testLoss - m.trainLoss });
  }
  const a = stats(rows.map((r) => r.acc)), l = stats(rows.map((r) => r.test)), tr = stats(rows.map((r) => r.train)), g = stats(rows.map((r) => r.gap));
  console.log(`${query} --steps ${steps}, seeds ${seeds.join(',')}`);
  console.log(`  test accuracy ${fmt(100 * a.mean, 1)}% (${fmt(100 * a.min, 1)}..${fmt(100 * a.max, 1)}) · test loss ${fmt(l.mean)} (${fmt(l.min)}..${fmt(l.max)}) · training loss ${fmt(tr.mean)} · gap ${fmt(g.mean)}`);
  console.log(`  per seed: ${rows.map((r) => `${fmt(100 * r.acc, 1)}%/${fmt(r.test)}`).join('  ')}`);
}
