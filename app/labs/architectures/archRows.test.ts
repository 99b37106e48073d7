import { describe, expect, it } from 'vitest';
import { analyse, blockNames, compact, findRow, pathTo, tableData, totalsText, visibleRows } from './archRows.ts';

describe('analyse', () => {
  it('gives the published totals of VGG-16 and ResNet-50', () => {
    const vgg = analyse('vgg16', null).report!, resnet = analyse('resnet50', null).report!;
    expect(vgg.totals.params).toBe(138_357_544);
    expect(resnet.totals.params).toBe(25_557_032);
    expect(totalsText(vgg)).toMatchObject({ params: '138M', macs: '15.5G' });
    expect(totalsText(resnet)).toMatchObject({ params: '25.6M', macs: '4.1G' });
  });

  it('reads a spec, at the input size given', () => {
    const a = analyse('conv3-16,relu,max2,gap,fc10', 32);
    expect(a.named).toBe(false);
    expect(a.report!.input).toEqual([3, 32, 32]);
    expect(a.report!.output).toEqual([10]);
    expect(a.report!.totals.params).toBe(3 * 9 * 16 + 16 + 16 * 10 + 10);
  });

  it('keeps the problem and its position for a bad spec', () => {
    const a = analyse('conv3-16,relu,bogus', null);
    expect(a.report).toBeNull();
    expect(a.problems[0].offset).toBe(14);
  });
});

describe('rows', () => {
  const report = analyse('resnet18', null).report!;

  it('shows top-level rows folded and the children of open blocks', () => {
    const folded = visibleRows(report.rows, new Set());
    expect(folded.map((r) => r.row.name)).toEqual(['conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc']);
    const open = visibleRows(report.rows, new Set(['layer1']));
    expect(open.slice(4, 7).map((r) => [r.row.name, r.depth])).toEqual([['layer1', 0], ['layer1.0', 1], ['layer1.1', 1]]);
    expect(open[4].open).toBe(true);
    expect(blockNames(report.rows)).toContain('layer1.0');
  });

  it('exports every row at full precision', () => {
    const data = tableData(report);
    expect(data.columns[0]).toBe('Layer');
    expect(data.rows.find((r) => r[0] === 'fc')).toEqual(['fc', 'fc', '1000', 513_000, 512_000, 627, 32, 1000]);
  });

  it('walks the main path to a layer for the receptive field', () => {
    const path = pathTo(report.rows, 'layer1');
    expect(path[path.length - 1].name).toBe('layer1.1.relu2');
    expect(findRow(report.rows, 'layer1')!.rf).toBe(path[path.length - 1].rf);
    expect(pathTo(analyse('googlenet', null).report!.rows, null).some((r) => r.name.startsWith('aux'))).toBe(false);
  });

  it('writes counts compactly', () => {
    expect([compact(138_357_544), compact(4_089_184_256), compact(156), compact(4_821_600)]).toEqual(['138M', '4.1G', '156', '4.8M']);
  });
});
