import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/contract/config.ts';
import { seriesColor } from '../../charts/chartColors.ts';
import { overriddenKeys, runConfigs, runNames, showsResidualPanels } from './runs.ts';

const config = (q: string) => parseQuery(q).config;

describe('residual runs', () => {
  it('names the primary and each variant by the keys the variants override', () => {
    const c = config('depth=30&vs=depth:6;residual:1');
    expect(overriddenKeys(c.vs)).toEqual(['depth', 'residual']);
    const runs = runConfigs(c);
    expect(runs.map((r) => [r.depth, r.residual])).toEqual([[30, 0], [6, 0], [30, 1]]);
    expect(runNames(c, runs)).toEqual([
      { name: '30 layers, plain', color: seriesColor(0) },
      { name: '6 layers, plain', color: seriesColor(1) },
      { name: '30 layers, residual', color: seriesColor(2) },
    ]);
  });

  it('names auxiliary heads and branch scales as people say them; one run needs no name', () => {
    const aux = config('data=digits&depth=12&aux1=4&aux2=8&vs=aux1:0,aux2:0');
    expect(runNames(aux, runConfigs(aux)).map((r) => r.name)).toEqual(['auxiliary heads on layers 4 and 8', 'no auxiliary heads']);
    const alpha = config('residual=1&vs=alpha:zero');
    expect(runNames(alpha, runConfigs(alpha)).map((r) => r.name)).toEqual(['α = 1', 'zero-init branch']);
    expect(runNames(config('residual=1'), runConfigs(config('residual=1')))).toEqual([{ name: '', color: seriesColor(0) }]);
  });

  it('numbers twins: a variant that overrides nothing it did not already have', () => {
    const c = config('residual=1&vs=residual:1');
    expect(runNames(c, runConfigs(c)).map((r) => r.name)).toEqual(['residual (run 1)', 'residual (run 2)']);
  });

  it('is shown when any run has residual connections or an auxiliary head', () => {
    expect(showsResidualPanels(config('depth=50'))).toBe(false);
    expect(showsResidualPanels(config('depth=50&vs=norm:batch'))).toBe(false);
    expect(showsResidualPanels(config('residual=1'))).toBe(true);
    expect(showsResidualPanels(config('depth=50&vs=residual:1'))).toBe(true);
    expect(showsResidualPanels(config('depth=50&vs=norm:batch;residual:1'))).toBe(true);
    expect(showsResidualPanels(config('data=digits&aux1=3'))).toBe(true);
    expect(showsResidualPanels(config('data=digits&depth=8&vs=aux2:5'))).toBe(true);
  });
});
