/**
 * The regularization lab's sidebar group, in order: each entry is a component rendering its own
 * <fieldset> (or nothing when it does not apply). A part of the lab adds its controls as one entry.
 */
import type { ComponentType } from 'react';
import type { FieldsetProps } from './fields.ts';
import { PriorFields } from './PriorFields.tsx';
import { ScarceFields } from './ScarceFields.tsx';
import { AugmentFields } from './augment/AugmentControls.tsx';
import { PretrainFields } from './pretrain/PretrainFields.tsx';

export const FIELDSETS: readonly ComponentType<FieldsetProps>[] = [
  ScarceFields,
  PriorFields,
  AugmentFields,
  PretrainFields,
];
