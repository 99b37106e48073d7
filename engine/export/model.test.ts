import { describe, expect, it } from 'vitest';
import { parseQuery } from '../contract/config.ts';
import { Trainer } from '../train/trainer.ts';
import { exportModel } from './model.ts';

describe('model export', () => {
  it('replays the run to the step asked for: the weights are the trained ones, laid out fan_out x fan_in', () => {
    const config = parseQuery('data=circles&depth=2&width=8&batch=16&norm=batch').config;
    const model = exportModel(config, 40, null) as { step: number; layers: { weight: number[][]; bias: number[]; batchNorm?: { runningVar: number[] } }[] };
    const t = new Trainer(config, null);
    t.run(40);
    expect(model.step).toBe(40);
    expect(model.layers).toHaveLength(3);
    const first = t.net.units[0];
    expect(model.layers[0].weight).toHaveLength(first.fanOut);
    expect(model.layers[0].weight[0]).toHaveLength(first.fanIn);
    expect(model.layers[0].weight[3][1]).toBe(first.weight.data[1 * first.fanOut + 3]);
    expect(model.layers[1].bias).toEqual(Array.from(t.net.units[1].bias.data));
    expect(model.layers[0].batchNorm?.runningVar).toEqual(Array.from(first.norm!.runningVar.data));
    expect(JSON.parse(JSON.stringify(model.layers))).toEqual(model.layers); // plain, finite JSON numbers
  });

  it('without a data set writes the CLI probe export', () => {
    const model = exportModel(parseQuery('depth=2&width=4&batch=3').config, 0, null) as { format: string; input: number[][] };
    expect(model.format).toBe('layerscope-probe/1');
    expect(model.input).toHaveLength(3);
  });
});
