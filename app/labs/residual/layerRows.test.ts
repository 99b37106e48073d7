import { describe, expect, it } from 'vitest';
import { STAT, STAT_COUNT, type ProbeData, type StatField } from '../../../engine/contract/probeLayout.ts';
import {
  blocksOf, describeGradientNorms, describeJacobian, gradientNormSeries, gradientNormTable, IDENTITY_ID,
  jacobianSeries, jacobianTable, rangeText, readGradientNorms, readJacobian, readStream, streamSeries, streamTable, type LayerRun,
} from './layerRows.ts';

/** A probe whose every stat is NaN but for the given columns, layer by layer. */
function probe(depth: number, columns: Partial<Record<StatField, readonly number[]>>): ProbeData {
  const stats = new Float64Array(depth * STAT_COUNT).fill(NaN);
  for (let l = 0; l < depth; l++) {
    stats[l * STAT_COUNT + STAT.nonFiniteGrad] = 0;
    for (const [f, values] of Object.entries(columns)) stats[l * STAT_COUNT + STAT[f as StatField]] = values![l];
  }
  return { depth, widths: new Int32Array(depth), stats, preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

const N = NaN;
const plain: LayerRun = {
  name: 'plain', color: 'red',
  probe: probe(4, { gradNorm: [1e-6, 1e-4, 0.01, 1], blockJacobian: [N, 0.01, N, 0.1], streamM2: [N, N, N, N], theoryStreamM2: [N, N, N, N] }),
};
const residual: LayerRun = {
  name: 'residual', color: 'blue',
  probe: probe(6, { gradNorm: [0.5, 0.6, 0.7, 0.8, 0, Infinity], blockJacobian: [N, 1.4, N, 1.3, N, 1.2], streamM2: [N, 2, N, 4.2, N, 7.8], theoryStreamM2: [N, 2, N, 4, N, 8] }),
};

describe('gradient norm by layer', () => {
  it('draws one line per run, overflow and zero sorted out', () => {
    const series = gradientNormSeries([plain, residual]);
    expect(series.map((s) => [s.id, s.label, s.color, s.marker])).toEqual([['run-0', 'plain', 'red', 'circle'], ['run-1', 'residual', 'blue', 'square']]);
    expect(series[1].values.slice(3)).toEqual([{ kind: 'value', value: 0.8 }, { kind: 'zero' }, { kind: 'overflow' }]);
  });

  it('tabulates every layer of the deepest run, one column per run, — past a shallower run’s depth', () => {
    const table = gradientNormTable([plain, residual]);
    expect(table.columns.map((c) => c.header)).toEqual(['plain', 'residual']);
    expect(table.rows).toHaveLength(6);
    expect(table.rows[0]).toEqual({ key: 1, header: '1', cells: [{ kind: 'value', value: 1e-6 }, { kind: 'value', value: 0.5 }] });
    expect(table.rows[5].cells[0]).toBeNull();
  });

  it('names a lone run by the quantity, and skips runs without a probe', () => {
    const alone = { ...plain, name: '' };
    expect(gradientNormSeries([alone, { ...residual, probe: null }]).map((s) => s.label)).toEqual(['‖∂L/∂h‖']);
    expect(gradientNormTable([alone]).columns).toEqual([{ header: '‖∂L/∂h‖' }]);
    expect(describeGradientNorms([plain, residual])).toBe(
      'Gradient norm ‖∂L/∂h‖ by hidden layer, log scale. plain: 1e-6 at layer 1 to 1 at layer 4. residual: 0.5 at layer 1 to overflow at layer 6.',
    );
  });
});

describe('per-block quantities', () => {
  it('finds the blocks where the quantity is defined, each starting after the previous one', () => {
    expect(blocksOf(residual.probe!, ['blockJacobian'])).toEqual([
      { block: 1, firstLayer: 1, lastLayer: 2, values: [1.4] },
      { block: 2, firstLayer: 3, lastLayer: 4, values: [1.3] },
      { block: 3, firstLayer: 5, lastLayer: 6, values: [1.2] },
    ]);
    expect(blocksOf(plain.probe!, ['streamM2'])).toEqual([]);
  });

  it('draws the Jacobian per block with a dashed line at 1 as long as the most blocks', () => {
    const series = jacobianSeries([plain, residual]);
    expect(series.map((s) => s.id)).toEqual(['run-0', 'run-1', IDENTITY_ID]);
    expect(series[0].values).toEqual([{ kind: 'value', value: 0.01 }, { kind: 'value', value: 0.1 }]);
    expect(series[2]).toMatchObject({ kind: 'theory' });
    expect(series[2].values).toHaveLength(3);
    expect(jacobianSeries([{ ...plain, probe: probe(2, { gradNorm: [1, 1] }) }])).toEqual([]);
  });

  it('tabulates the Jacobian by block with the layers it spans', () => {
    const table = jacobianTable([plain, residual]);
    expect(table.columns.map((c) => c.header)).toEqual(['Layers', 'plain', 'residual']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['1–2', { kind: 'value', value: 0.01 }, { kind: 'value', value: 1.4 }],
      ['3–4', { kind: 'value', value: 0.1 }, { kind: 'value', value: 1.3 }],
      ['5–6', null, { kind: 'value', value: 1.2 }],
    ]);
    expect(describeJacobian([plain, residual])).toContain('plain: 0.01 at block 1 to 0.1 at block 2. residual: 1.4 at block 1 to 1.2 at block 3.');
  });

  it('draws the stream only for runs that have one, measured solid and theory dashed in the run’s colour', () => {
    const series = streamSeries([plain, residual]);
    expect(series.map((s) => [s.id, s.label, s.kind, s.color])).toEqual([['run-1', 'residual', 'measured', 'blue'], ['theory-1', 'residual, theory', 'theory', 'blue']]);
    expect(series[1].values.map((v) => v && v.kind === 'value' && v.value)).toEqual([2, 4, 8]);
  });

  it('tabulates the stream with its growth per block', () => {
    const table = streamTable([plain, residual]);
    expect(table.columns.map((c) => c.header)).toEqual(['Layers', 'measured E[x²]', 'theory E[x²]', 'growth ×']);
    expect(table.rows.map((r) => r.cells[3])).toEqual([null, '2.1', '1.86']);
  });
});

describe('one-line readings computed from the numbers shown', () => {
  it('the Jacobian: each run’s range and how many blocks are below 1', () => {
    expect(readJacobian([plain, residual])).toBe('these runs: plain 0.01–0.1, residual 1.2–1.4 (2 of 5 blocks below 1).');
    const degradation: LayerRun = { name: 'plain', color: 'red', probe: probe(4, { blockJacobian: [N, 0.8, N, 2.5] }) };
    expect(readJacobian([degradation])).toBe('this run: plain 0.8–2.5 (1 of 2 blocks below 1).');
    expect(readJacobian([{ name: '', color: 'red', probe: null }])).toBeNull();
  });

  it('the gradient norm: layer 1 over the top layer per run, skipping a run that overflowed', () => {
    expect(readGradientNorms([plain, residual])).toBe('this run: ‖∂L/∂h‖ at layer 1 over the top layer’s, plain ×1e-6.');
  });

  it('the stream: measured growth per block with the theory’s', () => {
    expect(readStream([plain, residual])).toBe('this run: E[x²] residual ×1.9–2.1 per block (theory ×2).');
    expect(rangeText([NaN, Infinity])).toBeNull();
  });
});
