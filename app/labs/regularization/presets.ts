/**
 * The regularization lab's presets, in the shape of presets.ts: the notice says at which step its
 * numbers hold (`npm run probe -- "<query>" --steps N`, seed 1; the gap panel's table has the row);
 * presets.test.ts beside this file trains every run of each and checks every number quoted.
 * Averages over seeds 1-5 are in the README (scripts/measure-regularization.ts).
 * A part of the lab adds a preset as one entry.
 */
import type { Preset } from '../../presets/presets.ts';
import { AUGMENT_PRESETS } from './augment/presets.ts';
import { PRETRAIN_PRESETS } from './pretrain/presets.ts';

/** The 2D set that overfits visibly: 15 noisy moons per class, a 3 x 64 ReLU net. */
const MOONS = 'data=moons&ntrain=15&noise=0.3&depth=3&width=64&act=relu&init=he_normal';

export const REGULARIZATION_PRESETS: readonly Preset[] = [
  {
    id: 'map-digits-10',
    title: 'MLE vs a Gaussian prior: 10 digits per class',
    query: 'data=digits&ntrain=10&wd=0.01&vs=prior:none',
    notice:
      '100 training digits. At step 2000 maximum likelihood has driven the training loss to 0.0019 while the test loss is 0.429 (90.0% test accuracy); ' +
      'the Gaussian prior (λ = 0.01, σ = 1 on N = 100) keeps the training loss at 0.042 and the test loss at 0.376 (90.8%). The prior narrows the gap; on these digits it moves accuracy little.',
  },
  {
    id: 'map-moons-15',
    title: 'MLE vs a Gaussian prior on 15 noisy moons per class: two decision boundaries',
    query: `${MOONS}&wd=0.01&vs=prior:none`,
    notice:
      'Thirty points. At step 2000 MLE fits them all (training loss 0.0009) and is confidently wrong on the test set: test loss 2.40, accuracy 61.0%. ' +
      'With the prior (σ = 1/√(30 · 0.01) = 1.83): test loss 1.01, accuracy 64.0%. The two decision boundaries are drawn side by side.',
  },
  {
    id: 'laplace-vs-gauss-digits',
    title: 'Laplace (L1) vs Gaussian (L2) prior at the same λ: sparse weights',
    query: 'data=digits&ntrain=10&wd=0.001&prior=laplace&vs=prior:gauss',
    notice:
      'The same λ = 0.001 on 100 digits. At step 2000 the Laplace prior (b = 1/(Nλ) = 10) has pushed 69.0% of the weights within 0.01 of zero (the middle bin of the weight histograms fills up); ' +
      'the Gaussian prior (σ = 3.16) leaves 5.1% there. Both reach 91.1% test accuracy.',
  },
  {
    id: 'adam-l2-vs-adamw',
    title: 'Under Adam, L2 in the gradient vs decoupled weight decay (AdamW)',
    query: 'data=digits&ntrain=10&opt=adam&lr=0.003&wd=0.01&vs=decay:decoupled',
    notice:
      'The same λ = 0.01, applied two ways. In the gradient, Adam divides the prior’s pull by √v like the loss’s: at step 2000 the prior term λ½‖W‖² is 0.202 and the training loss 0.037. ' +
      'Decoupled, each weight shrinks by lr·λ = 3·10⁻⁵ of itself per step, far less: the prior term is 1.06 and the training loss 0.0001. For plain SGD the two would be the same update.',
  },
  ...AUGMENT_PRESETS,
  ...PRETRAIN_PRESETS,
];
