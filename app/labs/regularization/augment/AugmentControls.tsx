/**
 * One switch per augmentation and its strength(s): each change rewrites `aug` in the link and
 * starts the run again (augmentation is not a live key: the batches from step 1 would differ).
 */
import { memo, useId } from 'react';
import { GEOMETRIC_OPS, type AugOp } from '../../../../engine/contract/augment.ts';
import { DATASETS } from '../../../../engine/contract/datasets.ts';
import { Hide } from '../../../components/controls/Hide.tsx';
import type { FieldsetProps } from '../fields.ts';
import { SliderField } from '../../../components/controls/fields.tsx';
import { steppedScale } from '../../../components/controls/scales.ts';
import { useLab } from '../../../store/LabContext.tsx';
import { AUG_CONTROLS, ruleOf, specOf, withOp, type AugControl } from './augmentEdit.ts';

const SCALES = new Map(AUG_CONTROLS.map((c) => [c.op, c.stops.map((s) => steppedScale(s))]));
const PARAM_LABELS: Readonly<Partial<Record<AugOp, readonly string[]>>> = { elastic: ['α (pixels)', 'σ (pixels)'], mixup: ['α'] };

/** The sidebar's fieldset (FIELDSETS): every op on the image sets; noise and mixup on the 2D sets (nothing there to move). */
export const AugmentFields = memo(function AugmentFields({ set }: FieldsetProps) {
  const aug = useLab((s) => s.config.aug);
  const data = useLab((s) => s.config.data);
  if (data === 'none') return null;
  const images = DATASETS[data].inputShape.length === 3;
  const controls = images ? AUG_CONTROLS : AUG_CONTROLS.filter((c) => !GEOMETRIC_OPS.includes(c.op));
  const spec = specOf(aug);
  const setOp = (op: AugOp, values: readonly number[] | null) => set('aug')(withOp(aug, op, values));
  return (
    <Hide k="aug">
      <fieldset className="control-group augment-controls">
        <legend>Augmentations</legend>
        <p className="field-hint">
          Applied to each training batch on the fly, drawn from the seed; never to the test set.
          {!images && ' On a 2D set, noise is in the data’s own units (about −1..1), and there is nothing to shift or warp.'}
        </p>
        {controls.map((c) => <OpControl key={c.op} control={c} values={spec[c.op] ?? null} set={setOp} />)}
      </fieldset>
    </Hide>
  );
});

function OpControl({ control, values, set }: { control: AugControl; values: readonly number[] | null; set: (op: AugOp, values: readonly number[] | null) => void }) {
  const id = useId();
  const on = values !== null;
  const names = PARAM_LABELS[control.op];
  return (
    <div className="augment-op">
      <label className="checkbox-field" htmlFor={id}>
        <input id={id} type="checkbox" checked={on} onChange={(e) => set(control.op, e.target.checked ? control.defaults : null)} />
        {control.label}
      </label>
      {on && values.map((v, k) => (
        <SliderField
          key={k}
          label={`${control.label}${names ? `: ${names[k]}` : ': strength'}`}
          hint={k === 0 ? control.hint : ''}
          value={v}
          rule={ruleOf(control.op, k)}
          scale={SCALES.get(control.op)![k]}
          onChange={(next) => set(control.op, values.map((old, j) => (j === k ? next : old)))}
        />
      ))}
    </div>
  );
}
