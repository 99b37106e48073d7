import { DEFAULT_CONFIG, describeRuns, type Config } from '../../engine/contract/config.ts';
import { useLab } from '../store/LabContext.tsx';

/** The experiment in one line; settings the controls do not show are named when not at their default. */
export function summarize(c: Config): string {
  // An architecture (arch=) replaces the MLP of depth, width and activation.
  const network = c.arch !== ''
    ? [`network ${c.arch.length > 48 ? `${c.arch.slice(0, 48)}…` : c.arch}`]
    : [`${c.depth} hidden ${c.depth === 1 ? 'layer' : 'layers'} × ${c.width} units`, c.act];
  const parts = [
    ...network,
    `${c.init} init`,
    `batch ${c.batch}`,
    `seed ${c.seed}`,
  ];
  const extra = (key: keyof Config, text: string, applies = true) => {
    if (applies && c[key] !== DEFAULT_CONFIG[key]) parts.push(text);
  };
  extra('gain', `gain ${c.gain}`);
  extra('std', `std ${c.std}`, c.init === 'normal');
  extra('const', `constant ${c.const}`, c.init === 'constant');
  extra('fan', `fan ${c.fan}`, c.init.startsWith('he_'));
  extra('bias', `bias ${c.bias}`);
  extra('input', `${c.input} input`, c.data === 'none');
  if (c.data !== 'none') {
    parts.push(c.ntrain > 0 ? `${c.data} data, ${c.ntrain} per class` : `${c.data} data`, c.opt === 'sgd' ? `SGD lr ${c.lr}` : c.opt === 'momentum' ? `momentum ${c.mom} lr ${c.lr}` : `Adam lr ${c.lr}`);
    if (c.prior === 'none') parts.push('no prior (MLE)');
    else extra('wd', c.prior === 'laplace' ? `Laplace prior λ ${c.wd}` : `weight decay ${c.wd}`);
    extra('decay', 'decay decoupled', c.prior !== 'none' && c.wd > 0);
    if (c.norm === 'batch' && c.arch === '') parts.push(`batch norm ${c.bnpos} the activation`);
  }
  const vs = (c as Partial<Record<'vs', string>>).vs;
  if (vs) parts.push(`runs compared: ${describeRuns(c).join('; ')}`);
  return parts.join(' · ');
}

export function ExperimentSummary() {
  const config = useLab((s) => s.config);
  return <p className="summary"><span className="label">Experiment:</span> {summarize(config)}</p>;
}
