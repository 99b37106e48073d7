/**
 * Greedy layer-wise pretraining's presets: each is the same network pretrained (denoising
 * autoencoders, layer by layer, 300 steps each, 25% masking noise) and from its initializer
 * (vs=pretrain:none), trained in lockstep with the same labels once pretraining is over. The
 * notices quote what `npm run probe -- "<query>" --steps 1000` prints (seed 1); presets.test.ts
 * beside this file trains each and checks every number quoted. README's section on pretraining
 * gives seeds 1-5 with the commands.
 */
import type { Preset } from '../../../presets/presets.ts';

/** Five hidden layers of 64 on the 8x8 digits, mini-batches of 32, plain SGD. */
const NET = 'data=digits&depth=5&width=64&batch=32&evalevery=100';
const PRETRAIN = 'pretrain=dae&ptsteps=300&vs=pretrain:none';

export const PRETRAIN_PRESETS: readonly Preset[] = [
  {
    id: 'pretrain-deep-sigmoid',
    title: 'Pretraining a deep sigmoid net (where it historically helped)',
    query: `${NET}&act=sigmoid&init=xavier_uniform&lr=0.1&ptlr=0.1&${PRETRAIN}`,
    notice:
      'Five sigmoid layers, Xavier init, plain SGD: from its initializer the net is still at chance after 1000 steps with labels (11.4% test accuracy). ' +
      'Pretrained layer by layer first (1500 steps that read no label), the same net reaches 86.1% at step 1000. ' +
      'The gradient panel shows part of why: on the first batch, the gradient reaching layer 1 has 1/140000 of the last hidden layer\'s E[g²] from the initializer, 1/230 after pretraining.',
  },
  {
    id: 'pretrain-deep-tanh',
    title: 'Pretraining a deep tanh net (where it no longer helps)',
    query: `${NET}&act=tanh&init=xavier_uniform&lr=0.05&ptlr=0.05&${PRETRAIN}`,
    notice:
      'The same five layers with tanh: Xavier init alone trains them (97.2% test accuracy at step 1000), and the pretrained net ends a little lower, at 95.8%. ' +
      'Zero-centred units with a well-scaled init need no pretraining here.',
  },
  {
    id: 'pretrain-relu-he',
    title: 'Pretraining a ReLU net under He init',
    query: `${NET}&act=relu&init=he_normal&lr=0.05&ptlr=0.01&${PRETRAIN}`,
    notice:
      'Five ReLU layers under He init train from the start (93.6% test accuracy at step 1000); pretrained, 96.4%. ' +
      'That is one seed: change the seed and the gap moves by a few points either way, so read it as noise until several seeds agree.',
  },
  {
    id: 'pretrain-few-labels',
    title: 'Few labels, many unlabelled digits: pretraining on all, fine-tuning on 100',
    query: 'data=digits&ntrain=10&depth=3&width=64&batch=32&evalevery=100&act=relu&init=he_normal&lr=0.05&ptlr=0.01&pretrain=dae&ptsteps=300&vs=pretrain:none',
    notice:
      'Ten labelled digits per class (100 in all) train both runs; pretraining reads all 1438 training inputs without their labels. ' +
      'At step 1000: 90.0% test accuracy pretrained, 88.9% from He init. The unlabelled inputs are the only extra information, and here they buy about a point.',
  },
];
