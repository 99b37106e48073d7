import { toQuery } from '../config.ts';
import type { ProbeRun } from '../experiment.ts';
import { layerReports } from '../probe/report.ts';

/** Rows of a row-major matrix as nested arrays of plain numbers. */
function nested(data: Float32Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  return out;
}

/**
 * Everything needed to reproduce a probe in NumPy or PyTorch, as plain JSON numbers. Weights are
 * laid out like nn.Linear.weight (fan_out x fan_in): h = x @ weight.T + bias.
 */
export function exportProbe(run: ProbeRun): unknown {
  const { net, cache, topGrad, probe, config } = run;
  const reports = layerReports(probe);
  return {
    format: 'layerscope-probe/1',
    config,
    query: toQuery(config),
    conventions: 'h_l = x_{l-1} @ weight_l.T + bias_l; x_l = act(h_l); x_0 = input. topGrad = dL/dx_L fed to the backward pass; gradients are sums over the batch.',
    input: nested(cache.input.data, cache.batch, net.inputWidth),
    topGrad: nested(topGrad.data, cache.batch, net.layers[net.layers.length - 1].fanOut),
    layers: net.layers.map((layer, l) => {
      const transposed: number[][] = [];
      for (let o = 0; o < layer.fanOut; o++) {
        const row = new Array<number>(layer.fanIn);
        for (let i = 0; i < layer.fanIn; i++) row[i] = layer.weight.data[i * layer.fanOut + o];
        transposed.push(row);
      }
      return { weight: transposed, bias: Array.from(layer.bias.data), statistics: reports[l] };
    }),
  };
}
