import { memo } from 'react';
import type { FieldsetProps } from './fields.ts';
import { FIELDSETS } from './fieldsets.ts';

/** The regularization lab's own controls: every fieldset of FIELDSETS, in order. */
export const RegularizationFields = memo(function RegularizationFields({ set }: FieldsetProps) {
  return <>{FIELDSETS.map((Fieldset, i) => <Fieldset key={i} set={set} />)}</>;
});
