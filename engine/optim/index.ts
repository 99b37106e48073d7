import { createAdam } from './adam.ts';
import { createMomentum } from './momentum.ts';
import type { Optimizer, OptimizerSettings, Param } from './optimizer.ts';
import type { OptimizerName } from '../contract/names.ts';
import { createSgd } from './sgd.ts';

export { DEFAULT_SETTINGS, type Optimizer, type OptimizerSettings, type Param } from './optimizer.ts';

export function createOptimizer(name: OptimizerName, params: readonly Param[], settings: OptimizerSettings): Optimizer {
  switch (name) {
    case 'sgd': return createSgd(params, settings);
    case 'momentum': return createMomentum(params, settings);
    case 'adam': return createAdam(params, settings);
  }
}
