/**
 * The training objective as MAP: with L2 weight decay wd on the weights of a training set of N
 * examples, gradient descent on the mean cross-entropy + (wd/2)||W||² maximizes
 * log p(θ|D) = log p(D|θ) + log p(θ) + const for the Gaussian prior W ~ N(0, σ²I), σ² = 1/(N wd)
 * (see engine/optim/optimizer.ts). wd = 0 is plain maximum likelihood. TeX is built from numbers
 * and fixed strings only.
 */
import type { Config } from '../../../engine/contract/config.ts';
import { texNumber } from './formula.ts';

export interface ObjectiveModel {
  readonly tex: readonly string[];
  readonly summary: string;
}

const UPDATE: Readonly<Record<Config['opt'], string>> = {
  sgd: String.raw`W \leftarrow W - \eta\,\bigl(\nabla_W \mathrm{CE} + \lambda W\bigr)`,
  momentum: String.raw`v \leftarrow \mu v + \nabla_W \mathrm{CE} + \lambda W,\quad W \leftarrow W - \eta\, v`,
  adam: String.raw`g = \nabla_W \mathrm{CE} + \lambda W \;\text{into Adam's moments (L2, not AdamW's decoupled decay)}`,
};

export function objectiveModel(config: Config, trainCount: number): ObjectiveModel {
  const wd = config.wd;
  const tex = [
    String.raw`\log p(\theta \mid D) = \log p(D \mid \theta) + \log p(\theta) + \text{const}`,
    String.raw`J(\theta) = \underbrace{-\tfrac{1}{N}\textstyle\sum_{i} \log p(y_i \mid x_i, \theta)}_{\text{cross-entropy}} + \tfrac{\lambda}{2}\lVert W \rVert^2 = -\tfrac{1}{N}\log p(\theta \mid D) + \text{const}`,
  ];
  if (wd > 0) {
    const variance = 1 / (trainCount * wd);
    tex.push(String.raw`\lambda = ${texNumber(wd)},\; N = ${trainCount}:\quad W \sim \mathcal{N}\!\left(0,\ \sigma^2 I\right),\ \sigma^2 = \tfrac{1}{N\lambda} = ${texNumber(variance)},\ \sigma = ${texNumber(Math.sqrt(variance))}`);
  } else {
    tex.push(String.raw`\lambda = 0:\ \text{a flat prior, so MAP is maximum likelihood (MLE)}`);
  }
  tex.push(UPDATE[config.opt] + String.raw`,\quad \eta = ${texNumber(config.lr)}`);
  const summary = wd > 0
    ? `Weight decay ${wd} is a Gaussian prior on the weights with standard deviation ${Number(Math.sqrt(1 / (trainCount * wd)).toPrecision(3))}: training looks for the most probable weights given the data (MAP), not just the weights that make the data most likely (MLE). Biases, γ and β are not decayed.`
    : 'Weight decay 0: training maximizes the likelihood of the training data alone (MLE). Set a weight decay to add a Gaussian prior on the weights (MAP).';
  return { tex, summary };
}
