export const INITIALIZER_NAMES = [
  'zeros', 'constant', 'normal', 'standard', 'xavier_uniform', 'xavier_normal',
  'he_uniform', 'he_normal', 'lecun_normal', 'orthogonal', 'lsuv',
] as const;
export type InitializerName = (typeof INITIALIZER_NAMES)[number];
