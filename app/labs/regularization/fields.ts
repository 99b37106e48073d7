/**
 * The A/B comparisons offered in the regularization lab's "Compare with" menu (one entry each),
 * and the props every fieldset of its sidebar takes (the list is fieldsets.ts).
 */
import type { Config } from '../../../engine/contract/config.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';

const isImages = (c: Config) => c.data !== 'none' && DATASETS[c.data].inputShape.length === 3;

type Set = <K extends keyof Config>(key: K) => (value: Config[K]) => void;
export interface FieldsetProps { readonly set: Set }

export interface AbChoice {
  /** The vs value (canonical pairs, as toQuery writes them). */
  readonly vs: string;
  /** What the menu calls the variant run. */
  readonly label: string;
  /** Offered only for configs this accepts; always when absent. */
  readonly when?: (config: Config) => boolean;
}

const mapRun = (c: Config) => c.prior !== 'none' && c.wd > 0;

export const AB_CHOICES: readonly AbChoice[] = [
  { vs: 'prior:none', label: 'The same without the prior (MLE)', when: mapRun },
  { vs: 'prior:laplace', label: 'The same λ, a Laplace prior (L1)', when: (c) => c.wd > 0 && c.prior !== 'laplace' },
  { vs: 'prior:gauss', label: 'The same λ, a Gaussian prior (L2)', when: (c) => c.wd > 0 && c.prior !== 'gauss' },
  { vs: 'wd:0.01', label: 'With λ = 0.01 (MAP)', when: (c) => c.wd === 0 && c.prior !== 'none' },
  { vs: 'wd:0.01,prior:gauss', label: 'A Gaussian prior, λ = 0.01 (MAP)', when: (c) => c.wd === 0 && c.prior === 'none' },
  { vs: 'decay:decoupled', label: 'The prior decoupled (AdamW)', when: (c) => mapRun(c) && c.decay === 'coupled' },
  { vs: 'decay:coupled', label: 'The prior in the gradient (L2)', when: (c) => mapRun(c) && c.decay === 'decoupled' },
  { vs: 'aug:', label: 'The same without augmentation', when: (c) => c.aug !== '' && isImages(c) },
  { vs: 'aug:shift:1', label: 'The same with one-pixel shifts', when: (c) => c.aug === '' && isImages(c) },
  { vs: 'aug:elastic:2:1', label: 'The same with elastic warps (α 2, σ 1)', when: (c) => c.aug === '' && isImages(c) },
  { vs: 'pretrain:none', label: 'The same from its initializer (no pretraining)', when: (c) => c.pretrain !== 'none' },
  { vs: 'pretrain:dae', label: 'The same pretrained layer by layer (denoising autoencoders)', when: (c) => c.pretrain === 'none' && c.norm === 'none' && c.residual === 0 },
];

