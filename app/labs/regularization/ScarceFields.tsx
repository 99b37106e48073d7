import { memo } from 'react';
import { DATASETS } from '../../../engine/contract/datasets.ts';
import { trainCountOf } from '../../../engine/contract/training.ts';
import { Hide } from '../../components/controls/Hide.tsx';
import { SelectField } from '../../components/controls/fields.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { AB_CHOICES } from './fields.ts';
import type { FieldsetProps } from './fields.ts';

/** The per-class counts offered; a link may name any other (it is added to the list). */
const NTRAIN_STEPS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500] as const;

/**
 * Scarce data and the A/B comparison: how many labelled examples of each class the runs train on,
 * and what the variant run (vs, trained in lockstep on the same batches) changes.
 */
export const ScarceFields = memo(function ScarceFields({ set }: FieldsetProps) {
  const ntrain = useLab((s) => s.config.ntrain);
  const data = useLab((s) => s.config.data);
  const config = useLab((s) => s.config);
  const vs = useLab((s) => s.config.vs);
  if (data === 'none') return null;
  const choices = [...new Set<number>([...NTRAIN_STEPS, ntrain])].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b)).map(String);
  const classes = DATASETS[data].classesOf(config);
  const whole = trainCountOf({ ...config, ntrain: 0 });
  const ab = AB_CHOICES.filter((c) => c.when?.(config) ?? true);
  const abValues = ['', ...ab.map((c) => c.vs)];
  if (!abValues.includes(vs)) abValues.push(vs);
  return (
    <fieldset className="control-group">
      <legend>Scarce data and A/B</legend>
      <Hide k="ntrain">
        <SelectField label="Training examples per class"
          hint={`A fixed subset of the ${whole} training examples, chosen by the seed (the test set never changes): ${ntrain === 0 ? `all ${whole}` : `${trainCountOf(config)} in all`}, ${classes} classes.`}
          value={String(ntrain)} choices={choices}
          optionLabel={(c) => (c === '0' ? `all (${whole})` : `${c} per class`)}
          onChange={(c) => set('ntrain')(Number(c))} />
      </Hide>
      <SelectField label="Compare with (A/B)" hint="A second run beside this one, the same in every key but these, trained in lockstep on the same batches."
          value={vs} choices={abValues}
          optionLabel={(v) => (v === '' ? 'Nothing: one run' : ab.find((c) => c.vs === v)?.label ?? `vs=${v}`)}
          onChange={set('vs')} />
    </fieldset>
  );
});
