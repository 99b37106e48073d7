import { toQuery } from '../contract/config.ts';
import type { ProbeRun } from '../experiment.ts';
import { ResidualBlock } from '../model/layers/residual.ts';
import { layerReports } from '../probe/report.ts';
import { batchNormOf } from './model.ts';

/** Rows of a row-major matrix as nested arrays of plain numbers. */
function nested(data: Float32Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  return out;
}

/** A fanIn x fanOut weight as fanOut x fanIn (nn.Linear's layout). */
function transposeOf(w: Float32Array, fanIn: number, fanOut: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < fanIn; i++) for (let o = 0; o < fanOut; o++) out[o * fanIn + i] = w[i * fanOut + o];
  return out;
}

/**
 * Everything needed to reproduce a probe in NumPy or PyTorch, as plain JSON numbers. Weights are
 * laid out like nn.Linear.weight (fan_out x fan_in): h = x @ weight.T + bias.
 */
export function exportProbe(run: ProbeRun): unknown {
  const { net, cache, topGrad, probe, config } = run;
  const reports = layerReports(probe);
  const blocks = net.layers.flatMap((layer, m) => (layer instanceof ResidualBlock ? [{ block: layer, first: net.firstUnit[m] }] : []));
  return {
    format: 'layerscope-probe/1',
    config,
    query: toQuery(config),
    conventions: blocks.length === 0
      ? 'h_l = x_{l-1} @ weight_l.T + bias_l; x_l = act(h_l); x_0 = input. topGrad = dL/dx_L fed to the backward pass; gradients are sums over the batch.'
      : 'Residual blocks (`blocks`, layers 1-based): post form x_out = act(skip + alpha (act(x_in @ W_a.T + b_a) @ W_b.T + b_b)); pre form x_out = skip + alpha (act(act(x_in) @ W_a.T + b_a) @ W_b.T + b_b); skip = x_in, or x_in @ projection.T where widths differ. A layer outside every block: x_l = act(x_{l-1} @ weight_l.T + bias_l). topGrad = dL/dx_L fed to the backward pass; gradients are sums over the batch.',
    blocks: blocks.map(({ block: b, first }) => ({
      layers: [first + 1, first + 2], form: b.form, alpha: b.scale,
      projection: b.projection ? nested(transposeOf(b.projection.weight.data, b.projection.weight.shape[0], b.projection.weight.shape[1]), b.projection.weight.shape[1], b.projection.weight.shape[0]) : null,
    })),
    input: nested(cache.input.data, cache.batch, net.inputWidth),
    topGrad: nested(topGrad.data, cache.batch, net.units[net.units.length - 1].fanOut),
    layers: net.units.map((layer, l) => {
      const transposed: number[][] = [];
      for (let o = 0; o < layer.fanOut; o++) {
        const row = new Array<number>(layer.fanIn);
        for (let i = 0; i < layer.fanIn; i++) row[i] = layer.weight.data[i * layer.fanOut + o];
        transposed.push(row);
      }
      return { weight: transposed, bias: Array.from(layer.bias.data), ...batchNormOf(layer), statistics: reports[l] };
    }),
  };
}
