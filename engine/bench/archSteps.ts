/**
 * Steps per CPU-second of the ArchTrainer (what the Convolutions lab's worker runs) on three
 * architectures: `npx tsx engine/bench/archSteps.ts [steps] [name filter]`. CPU time of this process
 * (process.cpuUsage: user + system), so other jobs on a shared machine inflate it less than wall
 * time; a warm-up of 50 steps first. Also prints each run's parameter fingerprint, which must not
 * move when only the speed of a kernel changes.
 */
import { parseQuery } from '../contract/config.ts';
import { parametersFingerprint } from '../contract/fingerprint.ts';
import { readDataFile } from '../cli/train.ts';
import { archInput } from '../arch/cli.ts';
import { resolveArch } from '../arch/named/index.ts';
import { ArchTrainer } from '../arch/trainer.ts';
import type { Shape } from '../model/shapes.ts';

const RUNS: readonly [string, string, number][] = [
  ['tiny CNN, 8x8 digits', 'data=digits&arch=conv3-8,relu,max2,conv3-16,relu,max2,gap,fc10&batch=32&opt=adam&lr=0.01', 1],
  ['tiny_vgg, 8x8 digits', 'data=digits&arch=tiny_vgg&batch=32&opt=adam&lr=0.01', 1],
  ['LeNet-5, 28x28 MNIST', 'data=mnist&arch=c1:conv5-6p2,tanh,s2:avg2,c3:conv5-16p0,tanh,s4:avg2,c5:conv5-120p0,tanh,f6:fc84,tanh,output:fc10&batch=32&opt=adam&lr=0.001', 0.1],
];

const steps = Number(process.argv[2] ?? 1000);
for (const [name, query, scale] of RUNS) {
  if (process.argv[3] && !name.includes(process.argv[3])) continue;
  const { config, problems } = parseQuery(query);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const trainer = new ArchTrainer(config, resolveArch(config.arch).spec!, archInput(config) as Shape, readDataFile(config));
  const n = Math.max(20, Math.round(steps * scale));
  for (let i = 0; i < 50; i++) trainer.trainStep();
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) trainer.trainStep();
  const used = process.cpuUsage(before);
  const seconds = (used.user + used.system) / 1e6;
  console.log(`${name.padEnd(22)} ${(n / seconds).toFixed(1).padStart(7)} steps per CPU-second (${n} steps after 50 warm-up; fingerprint ${parametersFingerprint(trainer.params.map((p) => p.value))})`);
}
