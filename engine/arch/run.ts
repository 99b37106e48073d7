/** The training run of an `arch=` config on its image data set: the architecture resolved, its input the data's [C, H, W]. */
import type { Config } from '../contract/config.ts';
import { archTrainingProblem } from '../contract/training.ts';
import type { Digits } from '../data/digits.ts';
import { archInput } from './cli.ts';
import { resolveArch } from './named/index.ts';
import { ArchTrainer } from './trainer.ts';

/** An ArchTrainer at step 0 for the config; throws an Error saying why not (bad spec, shapes, classes, size caps). */
export function createArchRun(config: Config, data: Digits | null): ArchTrainer {
  const problem = archTrainingProblem(config);
  if (problem) throw new Error(problem);
  const input = archInput(config);
  if (typeof input === 'string') throw new Error(input);
  return new ArchTrainer(config, resolveArch(config.arch).spec!, input, data);
}
