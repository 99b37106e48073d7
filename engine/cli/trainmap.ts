/**
 * npm run trainmap -- [--seed N] [--steps N] [--sw2 lo,hi,columns] [--depth lo,hi,rows] [--sb2 X]
 * Trains every cell of the trainability map (engine/contract/trainability.ts) one after another in
 * this process and prints the map as text and each column's trainable depth against 6 xi_c. The
 * page trains the same cells (same seeds, the engine's portable arithmetic) across its workers. Bad flags: exit code 2.
 */
import { planCells, TRAINABILITY_PLAN, type TrainabilityPlan } from '../contract/trainability.ts';
import { trainCell } from '../trainability/cell.ts';
import { formatTrainabilityMap } from '../trainability/mapText.ts';

function parse(argv: readonly string[]): { plan: TrainabilityPlan; seed: number; problems: string[] } {
  const problems: string[] = [];
  let plan: TrainabilityPlan = TRAINABILITY_PLAN, seed = 1;
  const triple = (flag: string, v: string): [number, number, number] | null => {
    const p = v.split(',').map(Number);
    if (p.length === 3 && p.every(Number.isFinite) && p[0] > 0 && p[1] >= p[0] && Number.isInteger(p[2]) && p[2] >= 1 && p[2] <= 64) return [p[0], p[1], p[2]];
    problems.push(`${flag} ${v}: expected lo,hi,count with 0 < lo <= hi and count 1..64`);
    return null;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i], v = argv[i + 1] ?? '';
    i++;
    if (flag === '--seed' && /^\d+$/.test(v)) seed = Number(v);
    else if (flag === '--steps' && /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100_000) plan = { ...plan, steps: Number(v) };
    else if (flag === '--sb2' && Number(v) >= 0 && Number(v) <= 4) plan = { ...plan, sb2: Number(v) };
    else if (flag === '--sw2') { const t = triple(flag, v); if (t) plan = { ...plan, sw2: [t[0], t[1]], columns: t[2] }; }
    else if (flag === '--depth') { const t = triple(flag, v); if (t && Number.isInteger(t[0]) && t[1] <= 500) plan = { ...plan, depth: [t[0], t[1]], rows: t[2] }; else if (t) problems.push(`--depth ${v}: whole depths up to 500`); }
    else problems.push(`${flag} ${v}: not understood (flags: --seed N, --steps N, --sw2 lo,hi,columns, --depth lo,hi,rows, --sb2 X)`);
  }
  return { plan, seed, problems };
}

const { plan, seed, problems } = parse(process.argv.slice(2));
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(2);
}
const cells = planCells(seed, plan);
const accuracy = new Float64Array(plan.rows * plan.columns).fill(NaN);
const started = performance.now();
for (const [n, cell] of cells.entries()) {
  accuracy[cell.index] = trainCell(cell).testAccuracy;
  process.stderr.write(`\r${n + 1}/${cells.length} cells`);
}
process.stderr.write('\n');
console.log(`trainability map: seed ${seed}, sigma_b^2 ${plan.sb2}, width ${plan.width}, batch ${plan.batch}, SGD with momentum 0.9 at lr ${plan.lr}, 4 blobs (${plan.points} training, ${plan.points} test points)`);
console.log(formatTrainabilityMap(plan, accuracy));
console.log(`\n${cells.length} cells in ${((performance.now() - started) / 1000).toFixed(1)} s on one core`);
