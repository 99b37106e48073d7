import type { Config } from '../../engine/contract/config.ts';
import type { LabId } from './registry.ts';
import { showsResidualPanels } from './residual/runs.ts';
import { TINY_CNN } from './conv/convArchs.ts';

/**
 * What opening a lab changes in the experiment: nothing, unless the lab would have nothing to show.
 * Training needs a data set: the spiral (2-D, so the decision boundary can be drawn, and quick to
 * train). The residual lab needs residual connections somewhere: they are turned on. The
 * regularization lab starts on 10 digits per class. The initialization lab keeps everything: with a
 * data set, its panels probe the net on that data. The convolution lab needs an architecture on
 * images; the others leave an architecture behind.
 */
export function enterLab(lab: LabId, config: Config): Partial<Config> | null {
  // Convolutions need an architecture and images: a tiny CNN on the 8x8 digits unless it has them.
  if (lab === 'conv') {
    const images = config.data === 'digits' || config.data === 'mnist' || config.data === 'fashion';
    const patch: Partial<Config> = { ...(images ? {} : { data: 'digits' }), ...(config.arch === '' ? { arch: TINY_CNN } : {}) };
    return Object.keys(patch).length > 0 ? patch : null;
  }
  // The other labs train the MLP of depth and width: an architecture stays in the convolution lab.
  if (config.arch !== '' && lab !== 'architectures') return { arch: '', ...(lab === 'training' && config.data === 'none' ? { data: 'spiral' as const } : {}), ...(lab === 'residual' && !showsResidualPanels(config) ? { residual: 1 } : {}) };
  if (lab === 'training' && config.data === 'none') return { data: 'spiral' };
  if (lab === 'residual' && !showsResidualPanels(config)) return { residual: 1 };
  // Priors matter when data are scarce: 10 digits of each class.
  if (lab === 'regularization' && config.data === 'none') return { data: 'digits', ntrain: 10 };
  return null;
}
