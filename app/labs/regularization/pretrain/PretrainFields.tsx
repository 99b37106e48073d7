/**
 * Greedy layer-wise pretraining's settings: the mode, steps per layer, the denoising autoencoder's
 * masking noise and pretraining's learning rate: a fieldset of the Regularization lab's sidebar (fieldsets.ts).
 */
import { memo } from 'react';
import { CONFIG_FIELDS, type Config } from '../../../../engine/contract/config.ts';
import { Hide } from '../../../components/controls/Hide.tsx';
import { SelectField, SliderField } from '../../../components/controls/fields.tsx';
import { linearScale, steppedScale } from '../../../components/controls/scales.ts';
import { useLab } from '../../../store/LabContext.tsx';
import type { FieldsetProps } from '../fields.ts';

const F = CONFIG_FIELDS;
const STEPS = steppedScale([10, 20, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000]);
const NOISE = linearScale(0, 0.9, 0.05);
const LR = steppedScale([0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3, 1]);

const MODE_LABELS: Readonly<Record<Config['pretrain'], string>> = {
  none: 'None',
  ae: 'Autoencoders',
  dae: 'Denoising autoencoders',
};
const MODE_HINTS: Readonly<Record<Config['pretrain'], string>> = {
  none: 'The network starts from its initializer and trains with labels at once.',
  ae: 'Before any label is read, layer 1 learns to reconstruct its input, then layer 2 its codes, and so on up; then the whole stack is fine-tuned with labels.',
  dae: 'As autoencoders, but each input has a fraction of its features set to 0 and the layer must reconstruct the clean one (Vincent et al. 2008).',
};

export const PretrainFields = memo(function PretrainFields({ set }: FieldsetProps) {
  const pretrain = useLab((s) => s.config.pretrain);
  const ptsteps = useLab((s) => s.config.ptsteps);
  const ptnoise = useLab((s) => s.config.ptnoise);
  const ptlr = useLab((s) => s.config.ptlr);
  return (
    <fieldset className="control-group pretrain-fields">
      <legend>Greedy layer-wise pretraining</legend>
      <Hide k="pretrain">
        <SelectField label="Pretraining" hint={MODE_HINTS[pretrain]} value={pretrain} choices={F.pretrain.choices}
          optionLabel={(c) => MODE_LABELS[c]} onChange={set('pretrain')} />
      </Hide>
      {pretrain !== 'none' && (
        <>
          <Hide k="ptsteps">
            <SliderField label="Steps per layer" hint="Mini-batches of unlabelled training inputs each hidden layer is trained on, in turn."
              value={ptsteps} rule={F.ptsteps} scale={STEPS} valueText={(n) => `${n} steps`} onChange={set('ptsteps')} />
          </Hide>
          {pretrain === 'dae' && (
            <Hide k="ptnoise">
              <SliderField label="Masking noise" hint="The fraction of each input’s features set to 0 before encoding; the clean input is the target."
                value={ptnoise} rule={F.ptnoise} scale={NOISE} onChange={set('ptnoise')} />
            </Hide>
          )}
          <Hide k="ptlr">
            <SliderField label="Pretraining learning rate" hint="The optimizer’s step size while pretraining (no weight decay: the prior belongs to the supervised objective)."
              value={ptlr} rule={F.ptlr} scale={LR} onChange={set('ptlr')} />
          </Hide>
        </>
      )}
    </fieldset>
  );
});
