/**
 * Greedy layer-wise pretraining's presets: each is the same network pretrained (denoising
 * autoencoders, layer by layer) and from its initializer (vs=pretrain:none), trained in lockstep
 * with the same labels after pretraining. The notices quote what
 * `npm run probe -- "<query>" --steps N` prints (seed 1); presets.test.ts beside this file trains
 * each and checks every number quoted.
 */
import type { Preset } from '../../../presets/presets.ts';

/** Five hidden layers of 64 on the 8x8 digits, mini-batches of 32, plain SGD: the setting of Bengio et al. 2007 in small. */
const NET = 'data=digits&depth=5&width=64&batch=32&evalevery=100';
/** Denoising autoencoders, 300 steps per layer, 25% masking noise, against the same net without pretraining. */
const PRETRAIN = 'pretrain=dae&ptsteps=300&vs=pretrain:none';

export const PRETRAIN_PRESETS: readonly Preset[] = [
  {
    id: 'pretrain-deep-sigmoid',
    title: 'Pretraining a deep sigmoid net (where it historically helped)',
    query: `${NET}&act=sigmoid&init=xavier_uniform&lr=0.1&ptlr=0.1&${PRETRAIN}`,
    notice:
      'Five sigmoid layers under Xavier init with plain SGD: from its initializer the net is still at chance after 1000 steps with labels (11.4% test accuracy). ' +
      'Pretrained layer by layer first (1500 steps that read no label), the same net reaches 82.5% at step 1000.',
  },
];
