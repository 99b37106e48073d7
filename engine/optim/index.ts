import { createAdam } from './adam.ts';
import { createMomentum } from './momentum.ts';
import type { Optimizer, OptimizerName, OptimizerSettings, Param } from './optimizer.ts';
import { createSgd } from './sgd.ts';

export { DEFAULT_SETTINGS, OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerSettings, type Param } from './optimizer.ts';

export function createOptimizer(name: OptimizerName, params: readonly Param[], settings: OptimizerSettings): Optimizer {
  switch (name) {
    case 'sgd': return createSgd(params, settings);
    case 'momentum': return createMomentum(params, settings);
    case 'adam': return createAdam(params, settings);
  }
}
