import { memo, useMemo } from 'react';
import { CONFIG_FIELDS, type Config } from '../../../engine/contract/config.ts';
import { Hide } from '../../components/controls/Hide.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { SelectField, SliderField } from '../../components/controls/fields.tsx';
import { linearScale } from '../../components/controls/scales.ts';

const F = CONFIG_FIELDS;
const AUXW = linearScale(0, 1, 0.05);

type Set = <K extends keyof Config>(key: K) => (value: Config[K]) => void;

const RESIDUAL_LABELS = { '0': 'Off: a plain stack', '1': 'On: x + F(x) every two layers' } as const;
const RESFORM_LABELS: Readonly<Record<Config['resform'], string>> = {
  post: 'Post-activation (He et al. 2015)',
  pre: 'Pre-activation (He et al. 2016)',
};
const RESFORM_HINTS: Readonly<Record<Config['resform'], string>> = {
  post: 'The original block: the activation follows the sum, x(k+1) = φ(x(k) + F(x(k))).',
  pre: '“Identity mappings”: the activation moves into the branch, x(k+1) = x(k) + F(x(k)), a clean identity path.',
};
const ALPHA_LABELS: Readonly<Record<Config['alpha'], string>> = { one: '1', invsqrt: '1/√L (L blocks)', zero: '0: last layer of F starts at zero' };
const ALPHA_HINTS: Readonly<Record<Config['alpha'], string>> = {
  one: 'x + F(x): the stream’s variance grows ×(1 + Var F/Var x) per block, about ×2 with He init.',
  invsqrt: 'x + F(x)/√L: the variance grows ×(1 + 1/L) per block, about ×e over the whole net.',
  zero: 'Fixup / SkipInit: F’s last layer is initialized to zero, so every block starts as the identity.',
};

/** "Layer 12", "Off". */
const headText = (n: number) => (n === 0 ? 'off' : `layer ${n}`);

/**
 * Residual connections: on or off, the block's form, the branch scale α; and GoogLeNet's
 * auxiliary classifier heads on two hidden layers, with their weight λ in the loss.
 */
export const ResidualFields = memo(function ResidualFields({ set }: { readonly set: Set }) {
  const residual = useLab((s) => s.config.residual);
  const resform = useLab((s) => s.config.resform);
  const alpha = useLab((s) => s.config.alpha);
  const aux1 = useLab((s) => s.config.aux1);
  const aux2 = useLab((s) => s.config.aux2);
  const auxw = useLab((s) => s.config.auxw);
  const depth = useLab((s) => s.config.depth);
  const data = useLab((s) => s.config.data);
  // The slider spans this network's hidden layers; the exact box takes any value the link accepts.
  const heads = useMemo(() => linearScale(0, Math.max(1, Math.min(F.aux1.max, depth)), 1), [depth]);
  return (
    <fieldset className="control-group residual-fields">
      <legend>{data === 'none' ? 'Residual connections' : 'Residual connections and auxiliary heads'}</legend>
      <Hide k="residual">
        <SelectField label="Residual connections" hint="x(k+1) = x(k) + F(x(k)) with F two dense layers: the Jacobian becomes ∂F/∂x + I."
          value={String(residual) as '0' | '1'} choices={['0', '1'] as const} optionLabel={(c) => RESIDUAL_LABELS[c]}
          onChange={(c) => set('residual')(Number(c) as Config['residual'])} />
      </Hide>
      {residual === 1 && (
        <>
          <Hide k="resform">
            <SelectField label="Block form" hint={RESFORM_HINTS[resform]} value={resform} choices={F.resform.choices}
              optionLabel={(c) => RESFORM_LABELS[c]} onChange={set('resform')} />
          </Hide>
          <Hide k="alpha">
            <SelectField label="Branch scale α" hint={ALPHA_HINTS[alpha]} value={alpha} choices={F.alpha.choices}
              optionLabel={(c) => ALPHA_LABELS[c]} onChange={set('alpha')} />
          </Hide>
        </>
      )}
      {data !== 'none' && (
        <>
          <Hide k="aux1">
            <SliderField label="Auxiliary head 1" hint="A softmax classifier on this hidden layer, its loss added to the main one (0: none)."
              value={aux1} rule={F.aux1} scale={heads} valueText={headText} onChange={set('aux1')} />
          </Hide>
          <Hide k="aux2">
            <SliderField label="Auxiliary head 2" hint="A second head, as GoogLeNet has two (0: none)."
              value={aux2} rule={F.aux2} scale={heads} valueText={headText} onChange={set('aux2')} />
          </Hide>
          {(aux1 > 0 || aux2 > 0) && (
            <Hide k="auxw">
              <SliderField label="Auxiliary weight λ" hint="L = L(y, ŷ) + λ (L(y, ŷ¹) + L(y, ŷ²)); GoogLeNet used 0.3."
                value={auxw} rule={F.auxw} scale={AUXW} onChange={set('auxw')} />
            </Hide>
          )}
        </>
      )}
    </fieldset>
  );
});
