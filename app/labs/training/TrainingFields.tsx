import { memo } from 'react';
import { CONFIG_FIELDS, type Config } from '../../../engine/contract/config.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';
import { Hide } from '../../components/controls/Hide.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { SelectField, SliderField } from '../../components/controls/fields.tsx';
import { sentence } from '../../components/controls/hints.ts';
import { decadeSteps, linearScale, steppedScale } from '../../components/controls/scales.ts';

const F = CONFIG_FIELDS;
const LR = steppedScale(decadeSteps(-4, 2));
const WD = steppedScale([0, ...decadeSteps(-6, 0)]);
const MOM = linearScale(0, 0.99, 0.01);
const NOISE = linearScale(0, 1, 0.01);
const SPLIT = linearScale(0.05, 0.9, 0.05);
const POINTS = steppedScale([20, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000]);
const BNMOM = linearScale(0, 1, 0.01);
const BNEPS = steppedScale(decadeSteps(-8, 0));
const EVAL_EVERY = steppedScale([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);

export const DATA_LABELS: Readonly<Record<Config['data'], string>> = {
  none: 'None: the probe (synthetic input, no training)',
  spiral: 'Spiral (2D)',
  circles: 'Circles (2D)',
  moons: 'Moons (2D)',
  xor: 'XOR (2D)',
  blobs: 'Gaussian blobs (2D)',
  digits: 'Handwritten digits (8x8, 10 classes)',
  mnist: 'MNIST handwritten digits (28x28, 10 classes)',
  fashion: 'Fashion-MNIST clothing (28x28, 10 classes)',
};

const DATA_HINTS: Readonly<Record<Config['data'], string>> = {
  none: 'Pick a data set to train the network live.',
  spiral: 'Interleaved arms, one per class; inputs used as generated (centred, about −1..1).',
  circles: 'A ring around a disc; inputs used as generated (centred, about −1..1).',
  moons: 'Two interleaving half-moons; inputs used as generated.',
  xor: 'Four quadrants, opposite ones alike; inputs used as generated.',
  blobs: 'Gaussian clusters, one per class; inputs used as generated.',
  digits: '1797 real 8x8 digits (UCI); each pixel standardized with the training split’s mean and sd. Split fixed by the seed.',
  mnist: '6000 real 28x28 MNIST digits, 600 of each (a 4.7 MB file, fetched when picked); pixels standardized with one mean and sd over the training split’s pixels. Split fixed by the seed.',
  fashion: '6000 28x28 Fashion-MNIST images, 600 of each of 10 garments (T-shirt/top … ankle boot; a 4.7 MB file, fetched when picked); pixels standardized as for MNIST. Split fixed by the seed.',
};

const OPT_LABELS: Readonly<Record<Config['opt'], string>> = { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' };

type Set = <K extends keyof Config>(key: K) => (value: Config[K]) => void;

/** The data set and how it is split: shown for every data set, the 2D knobs only for the toys. */
export const DataFields = memo(function DataFields({ set }: { readonly set: Set }) {
  const data = useLab((s) => s.config.data);
  const points = useLab((s) => s.config.points);
  const noise = useLab((s) => s.config.noise);
  const split = useLab((s) => s.config.split);
  const classes = useLab((s) => s.config.classes);
  const toy = data !== 'none' && DATASETS[data].source === 'generated';
  return (
    <fieldset className="control-group">
      <legend>Data</legend>
      <Hide k="data"><SelectField label="Data set" hint={DATA_HINTS[data]} value={data} choices={F.data.choices}
        optionLabel={(c) => DATA_LABELS[c]} onChange={set('data')} /></Hide>
      {toy && (
        <>
          <Hide k="points"><SliderField label="Points" hint={sentence(F.points.meaning)} value={points} rule={F.points} scale={POINTS} onChange={set('points')} /></Hide>
          <Hide k="noise"><SliderField label="Noise" hint={sentence(F.noise.meaning)} value={noise} rule={F.noise} scale={NOISE} onChange={set('noise')} /></Hide>
          {(data === 'spiral' || data === 'blobs') && (
            <Hide k="classes"><SelectField label="Classes" hint="Arms of the spiral, or blobs." value={String(classes) as '2' | '3'} choices={['2', '3'] as const}
              onChange={(c) => set('classes')(Number(c))} /></Hide>
          )}
        </>
      )}
      {data !== 'none' && (
        <Hide k="split"><SliderField label="Test split" hint={sentence(F.split.meaning)} value={split} rule={F.split} scale={SPLIT} onChange={set('split')} /></Hide>
      )}
    </fieldset>
  );
});

/**
 * The optimizer and its settings; the learning rate, momentum and decay apply to a running net at
 * once. decay=false leaves weight decay to a lab that shows it as a prior's strength.
 */
export const OptimizerFields = memo(function OptimizerFields({ set, decay = true }: { readonly set: Set; readonly decay?: boolean }) {
  const opt = useLab((s) => s.config.opt);
  const lr = useLab((s) => s.config.lr);
  const mom = useLab((s) => s.config.mom);
  const wd = useLab((s) => s.config.wd);
  const evalevery = useLab((s) => s.config.evalevery);
  return (
    <fieldset className="control-group">
      <legend>Training</legend>
      <Hide k="opt"><SelectField label="Optimizer" hint="Softmax cross-entropy, mean over the mini-batch." value={opt} choices={F.opt.choices}
        optionLabel={(c) => OPT_LABELS[c]} onChange={set('opt')} /></Hide>
      <Hide k="lr"><SliderField label="Learning rate" hint="Applies at once, even mid-run." value={lr} rule={F.lr} scale={LR} onChange={set('lr')} /></Hide>
      {opt === 'momentum' && (
        <Hide k="mom"><SliderField label="Momentum" hint={sentence(F.mom.meaning)} value={mom} rule={F.mom} scale={MOM} onChange={set('mom')} /></Hide>
      )}
      {decay && <Hide k="wd"><SliderField label="Weight decay" hint="L2 on the weights: a Gaussian prior on them (MAP); 0 is plain maximum likelihood."
        value={wd} rule={F.wd} scale={WD} onChange={set('wd')} /></Hide>}
      <Hide k="evalevery"><SliderField label="Evaluate every" hint="Training steps between two passes over the test set." value={evalevery} rule={F.evalevery}
        scale={EVAL_EVERY} valueText={(n) => `${n} steps`} onChange={set('evalevery')} /></Hide>
    </fieldset>
  );
});

/** Batch normalization: where, its running-estimate momentum and epsilon, and which statistics the test set sees. */
export const NormFields = memo(function NormFields({ set }: { readonly set: Set }) {
  const norm = useLab((s) => s.config.norm);
  const bnpos = useLab((s) => s.config.bnpos);
  const bnmom = useLab((s) => s.config.bnmom);
  const bneps = useLab((s) => s.config.bneps);
  const testbn = useLab((s) => s.config.testbn);
  return (
    <fieldset className="control-group">
      <legend>Batch normalization</legend>
      <Hide k="norm"><SelectField label="Normalization" hint="Batch norm in every hidden layer, with learnable γ and β." value={norm} choices={F.norm.choices}
        optionLabel={(c) => (c === 'batch' ? 'Batch norm' : 'None')} onChange={set('norm')} /></Hide>
      {norm === 'batch' && (
        <>
          <Hide k="bnpos"><SelectField label="Position" hint="Ioffe & Szegedy normalize x W + b before the activation." value={bnpos} choices={F.bnpos.choices}
            optionLabel={(c) => (c === 'before' ? 'Before the activation' : 'After the activation')} onChange={set('bnpos')} /></Hide>
          <Hide k="bnmom"><SliderField label="BN momentum" hint={sentence(F.bnmom.meaning)} value={bnmom} rule={F.bnmom} scale={BNMOM} onChange={set('bnmom')} /></Hide>
          <Hide k="bneps"><SliderField label="BN epsilon" hint={sentence(F.bneps.meaning)} value={bneps} rule={F.bneps} scale={BNEPS} onChange={set('bneps')} /></Hide>
          <Hide k="testbn"><SelectField label="Test-time statistics" hint="Eval mode uses the running estimates; train mode each test batch’s own."
            value={testbn} choices={F.testbn.choices}
            optionLabel={(c) => (c === 'running' ? 'Running estimates (eval mode)' : 'Batch statistics (train mode)')} onChange={set('testbn')} /></Hide>
        </>
      )}
    </fieldset>
  );
});
