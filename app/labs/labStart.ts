import { withData, type Config, type ConfigProblem } from '../../engine/contract/config.ts';
import { enterLab } from './enterLab.ts';
import { labOf, type LabId } from './registry.ts';

export interface LabStart {
  readonly config: Config;
  readonly lab: LabId;
  /** What was changed and why, for the link's problems notice; null when the link opens as written. */
  readonly problem: ConfigProblem | null;
}

const words = (patch: Partial<Config>) => Object.entries(patch).map(([k, v]) => `${k}=${v}`).join(', ');

function patched(config: Config, patch: Partial<Config>): Config {
  return { ...(patch.data !== undefined ? withData(config, patch.data) : config), ...patch };
}

/**
 * A link that names its lab (`lab=`) opens that lab with the link's experiment, unchanged, when the
 * lab can show it. When it cannot, the link is not shown as if it could (an empty frame, or another
 * lab's panels under this lab's name, or MLP controls beside an architecture they do not set):
 * - an architecture (arch=) opens in the Convolutions lab, whatever lab the link names: the others
 *   set an MLP's layers, which an architecture replaces;
 * - the Convolutions lab without an architecture or images gets the lab switch's tiny CNN and the
 *   8x8 digits (enterLab);
 * - the training and regularization labs without a data set get the lab switch's (the spiral; 10
 *   digits per class).
 * Each change is reported as one problem, so the address bar takes the link that reproduces what is
 * shown and the notice quotes the one opened.
 */
export function labStart(lab: LabId, config: Config): LabStart {
  if (config.arch !== '' && lab !== 'conv' && lab !== 'architectures') {
    const inConv = labStart('conv', config);
    const also = inConv.problem ? `; ${inConv.problem.message}` : '';
    return {
      config: inConv.config,
      lab: 'conv',
      problem: {
        key: 'lab', value: lab, accepted: 'a lab that can show the link’s experiment', used: 'conv',
        message: `lab=${lab}: the ${labOf(lab).title} lab trains a multilayer perceptron, and this link trains an architecture (arch=); opening it in the Convolutions lab${also}`,
      },
    };
  }
  const needs = lab === 'conv' || ((lab === 'training' || lab === 'regularization') && config.data === 'none');
  const patch = needs ? enterLab(lab, config) : null;
  if (!patch) return { config, lab, problem: null };
  const what = lab === 'conv' ? 'an architecture on images' : 'on a data set';
  const lacks = lab === 'conv'
    ? [patch.arch !== undefined ? 'no architecture' : '', patch.data !== undefined ? 'no image set' : ''].filter(Boolean).join(' and ')
    : 'no data set';
  return {
    config: patched(config, patch),
    lab,
    problem: {
      key: 'lab', value: lab, accepted: `an experiment the lab can show (${what})`, used: words(patch),
      message: `lab=${lab}: the ${labOf(lab).title} lab trains ${what}, and this link has ${lacks}; opening it with ${words(patch)}`,
    },
  };
}
