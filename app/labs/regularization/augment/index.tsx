/** The augmentation part of the regularization lab: its panel (panels.ts) and its sidebar fieldset (fieldsets.ts). */
export { AugmentPanel } from './AugmentPanel.tsx';
