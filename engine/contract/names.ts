/** The names a link may choose from: activations, initializers and optimizers (the engine keeps their code). */
export const ACTIVATION_NAMES = ['linear', 'tanh', 'sigmoid', 'relu', 'leaky_relu', 'elu', 'gelu', 'selu'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** leaky_relu's negative slope a (PyTorch's default): x for x > 0, a x otherwise. */
export const LEAKY_SLOPE = 0.01;


export const INITIALIZER_NAMES = [
  'zeros', 'constant', 'normal', 'standard', 'xavier_uniform', 'xavier_normal',
  'he_uniform', 'he_normal', 'lecun_normal', 'orthogonal', 'lsuv',
] as const;
export type InitializerName = (typeof INITIALIZER_NAMES)[number];

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

