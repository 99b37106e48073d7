import { describe, expect, it } from 'vitest';
import { OVERFLOW, ZERO } from '../format/number.ts';
import { exportName, slug, tableData, tablesData, toCsv, toJson } from './chartData.ts';

const signalTable = {
  rowHeader: 'Layer',
  columns: [
    { header: 'measured', group: 'Pre-activation E[h²]' },
    { header: 'theory', group: 'Pre-activation E[h²]' },
    { header: 'measured', group: 'Activation E[φ(h)²]' },
    { header: 'theory E[φ(h)²]', group: 'Activation E[φ(h)²]' },
  ],
  rows: [
    { key: 1, header: '1', cells: [{ kind: 'value', value: 0.123456789012345 } as const, ZERO, OVERFLOW, null] },
    { key: 2, header: '2', cells: ['12%', { kind: 'value', value: 1e-30 } as const, { kind: 'value', value: 3.5e38 } as const, 'a, "b"'] },
  ],
};

describe('tableData', () => {
  it('puts the row header first and, when headers repeat, qualifies grouped ones with their group', () => {
    expect(tableData(signalTable).columns).toEqual([
      'Layer', 'Pre-activation E[h²]: measured', 'Pre-activation E[h²]: theory', 'Activation E[φ(h)²]: measured', 'Activation E[φ(h)²]: theory E[φ(h)²]',
    ]);
  });

  it('leaves unique headers as they are', () => {
    expect(tableData({ ...signalTable, columns: [{ header: 'a', group: 'g' }, { header: 'b' }] }).columns).toEqual(['Layer', 'a', 'b']);
  });

  it('keeps full precision, writes zero as 0 and overflow as text, and numeric row headers as numbers', () => {
    expect(tableData(signalTable).rows).toEqual([
      [1, 0.123456789012345, 0, 'overflow', null],
      [2, '12%', 1e-30, 3.5e38, 'a, "b"'],
    ]);
  });

  it('keeps a row header that is not a number as text', () => {
    const data = tableData({ rowHeader: 'Initializer', columns: [{ header: 'x' }], rows: [{ key: 'he', header: 'He', cells: [null] }, { key: 'e', header: ' ', cells: [null] }] });
    expect(data.rows.map((r) => r[0])).toEqual(['He', ' ']);
  });
});

describe('tablesData', () => {
  it('is tableData for one table', () => {
    expect(tablesData([{ caption: 'c', ...signalTable }])).toEqual(tableData(signalTable));
  });

  it('stacks several tables under a column naming each, over the union of their columns', () => {
    const a = { caption: 'Run A', rowHeader: 'Step', columns: [{ header: 'loss' }], rows: [{ key: 1, header: '10', cells: [{ kind: 'value', value: 0.5 } as const] }] };
    const b = { caption: 'Run B', rowHeader: 'Step', columns: [{ header: 'loss' }, { header: 'accuracy' }], rows: [{ key: 1, header: '10', cells: [ZERO, '90%'] }] };
    expect(tablesData([a, b])).toEqual({
      columns: ['Table', 'Step', 'loss', 'accuracy'],
      rows: [['Run A', 10, 0.5, null], ['Run B', 10, 0, '90%']],
    });
  });
});

describe('toCsv', () => {
  it('writes a header and one line per row, quoting only what needs it, and numbers that read back exactly', () => {
    const csv = toCsv(tableData(signalTable));
    const lines = csv.split('\n');
    expect(lines).toHaveLength(4); // header, 2 rows, and the final newline
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe('1,0.123456789012345,0,overflow,');
    expect(lines[2]).toBe('2,12%,1e-30,3.5e+38,"a, ""b"""');
    expect(Number(lines[1].split(',')[1])).toBe(0.123456789012345);
  });

  it('quotes line breaks', () => {
    expect(toCsv({ columns: ['a\nb'], rows: [] })).toBe('"a\nb"\n');
  });
});

describe('toJson', () => {
  it('parses back to the title, the columns and the rows', () => {
    const data = tableData(signalTable);
    const parsed = JSON.parse(toJson('Signal by layer', data));
    expect(parsed).toEqual({ title: 'Signal by layer', columns: data.columns, rows: data.rows });
  });

  it('writes non-finite numbers as strings rather than null', () => {
    const parsed = JSON.parse(toJson('t', { columns: ['x'], rows: [[NaN], [Infinity], [-Infinity]] }));
    expect(parsed.rows).toEqual([['NaN'], ['Infinity'], ['-Infinity']]);
  });

  it('is valid with no rows', () => {
    expect(JSON.parse(toJson('t', { columns: ['x'], rows: [] })).rows).toEqual([]);
  });
});

describe('slug', () => {
  it.each([
    ['Signal by layer', 'signal-by-layer'],
    ['Weight-gradient norms by layer', 'weight-gradient-norms-by-layer'],
    ['‖∂L/∂W‖ / ‖W‖', 'l-w-w'],
    ['Initializers side by side', 'initializers-side-by-side'],
    ['Écarts à l’initialisation', 'ecarts-a-l-initialisation'],
    ['∂∂∂', 'chart'],
    ['', 'chart'],
  ])('%s -> %s', (title, expected) => {
    expect(slug(title)).toBe(expected);
  });
});

describe('exportName', () => {
  it('names an export after its chart, and after the config when it is not the default', () => {
    expect(exportName('Signal by layer', '')).toBe('signal-by-layer');
    expect(exportName('Signal by layer', 'v=1&depth=30&act=relu')).toBe('signal-by-layer_depth-30-act-relu');
    expect(exportName('Loss', 'v=1&depth=3&width=32&batch=32&data=spiral&vs=norm:batch')).toBe('loss_depth-3-width-32-batch-32-data-spiral-vs-norm-batch');
  });
});
