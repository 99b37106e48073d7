import type { ActivationName } from '../contract/names.ts';
import type { Tensor } from '../tensor.ts';
import { elu, eluBackward, eluDerivative, eluForward } from './elu.ts';
import { gelu, geluBackward, geluDerivative, geluForward } from './gelu.ts';
import { leakyRelu, leakyReluBackward, leakyReluDerivative, leakyReluForward } from './leakyRelu.ts';
import { linear, linearBackward, linearDerivative, linearForward } from './linear.ts';
import { relu, reluBackward, reluDerivative, reluForward } from './relu.ts';
import { selu, seluBackward, seluDerivative, seluForward } from './selu.ts';
import { sigmoid, sigmoidBackward, sigmoidDerivative, sigmoidForward } from './sigmoid.ts';
import { tanh, tanhBackward, tanhDerivative, tanhForward } from './tanh.ts';

export interface Activation {
  readonly name: ActivationName;
  readonly forward: (pre: Tensor, post: Tensor) => void;
  readonly backward: (pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor) => void;
  /** Scalar phi and phi' in float64, for theory and tests. */
  readonly value: (x: number) => number;
  readonly derivative: (x: number) => number;
  /** Is a value "saturated" (tanh, sigmoid: within 0.01 of an asymptote)? null if the idea does not apply. */
  readonly isSaturated: ((activation: number) => boolean) | null;
  /** ReLU family: a unit is dead when its pre-activation is <= 0 for the whole batch. */
  readonly canDie: boolean;
}

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  linear: { name: 'linear', forward: linearForward, backward: linearBackward, value: linear, derivative: linearDerivative, isSaturated: null, canDie: false },
  tanh: { name: 'tanh', forward: tanhForward, backward: tanhBackward, value: tanh, derivative: tanhDerivative, isSaturated: (a) => a > 0.99 || a < -0.99, canDie: false },
  sigmoid: { name: 'sigmoid', forward: sigmoidForward, backward: sigmoidBackward, value: sigmoid, derivative: sigmoidDerivative, isSaturated: (a) => a > 0.99 || a < 0.01, canDie: false },
  relu: { name: 'relu', forward: reluForward, backward: reluBackward, value: relu, derivative: reluDerivative, isSaturated: null, canDie: true },
  leaky_relu: { name: 'leaky_relu', forward: leakyReluForward, backward: leakyReluBackward, value: leakyRelu, derivative: leakyReluDerivative, isSaturated: null, canDie: true },
  elu: { name: 'elu', forward: eluForward, backward: eluBackward, value: elu, derivative: eluDerivative, isSaturated: null, canDie: false },
  gelu: { name: 'gelu', forward: geluForward, backward: geluBackward, value: gelu, derivative: geluDerivative, isSaturated: null, canDie: false },
  selu: { name: 'selu', forward: seluForward, backward: seluBackward, value: selu, derivative: seluDerivative, isSaturated: null, canDie: false },
};
