import type { Config } from '../../engine/contract/config.ts';
import type { LabId } from './registry.ts';
import { showsResidualPanels } from './residual/runs.ts';

/**
 * What opening a lab changes in the experiment: nothing, unless the lab would have nothing to show.
 * Training needs a data set: the spiral (2-D, so the decision boundary can be drawn, and quick to
 * train). The residual lab needs residual connections somewhere: they are turned on. The
 * regularization lab starts on 10 digits per class. The initialization lab keeps everything: with a data set, its panels probe the net on that data.
 */
export function enterLab(lab: LabId, config: Config): Partial<Config> | null {
  if (lab === 'training' && config.data === 'none') return { data: 'spiral' };
  if (lab === 'residual' && !showsResidualPanels(config)) return { residual: 1 };
  // Priors matter when data are scarce: 10 digits of each class.
  if (lab === 'regularization' && config.data === 'none') return { data: 'digits', ntrain: 10 };
  return null;
}
