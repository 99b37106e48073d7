import { useId, useMemo, useState } from 'react';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { flattenRows } from '../../../engine/contract/arch/shapePass.ts';
import { ArchDrawing } from './ArchDrawing.tsx';
import { ArchTree } from './ArchTree.tsx';
import { analyse, blockNames, exact, shapeText, tableData, totalsText, visibleRows } from './archRows.ts';
import { layoutNetwork, type SizeBy } from './drawing.ts';
import { SIZE_RANGE } from './exploreView.ts';
import { ArchNames, SpecField } from './SpecField.tsx';
import { useExplore, useSetExplore } from './useExplore.ts';

const SIZE_BY = [{ value: 'shape', label: 'output shape' }, { value: 'cost', label: 'cost (MACs)' }] as const;

/** Any named net or spec as a foldable table of layers beside its drawing; a second one beside it to compare. */
export function ArchTablePanel() {
  const titleId = useId();
  const net = useExplore('net');
  const cmp = useExplore('cmp');
  const size = useExplore('size');
  const setExplore = useSetExplore();
  const [sizeBy, setSizeBy] = useState<SizeBy>('shape');
  const first = analyse(net, size), second = cmp === null ? null : analyse(cmp, size);
  return (
    <section className="lab-panel arch-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>The architecture table</h2>
      <p className="figure-hint">A name ({'vgg16, resnet50, googlenet, densenet121, …'}) or a spec such as <code>conv3-16,relu,max2,res32s2,gap,fc10</code>. Blocks fold and unfold; the counts come from the layer shapes alone.</p>
      <ArchNames />
      <div className="arch-fields">
        <SpecField label="Architecture" value={net} problems={first.problems} onChange={(v) => setExplore({ net: v })} />
        <SpecField label="Compare with" value={cmp ?? ''} problems={second?.problems ?? []} onChange={(v) => setExplore({ cmp: v.trim() === '' ? null : v })} />
        <SizeField value={size} onChange={(v) => setExplore({ size: v })} />
        <button type="button" className="panel-button" onClick={() => setExplore({ net: 'vgg16', cmp: 'resnet50', size: null })}>VGG-16 vs ResNet-50</button>
        <ChoiceToggle legend="Boxes sized by" choices={SIZE_BY} value={sizeBy} onChange={setSizeBy} />
      </div>
      <div className={second ? 'arch-columns two' : 'arch-columns'}>
        <NetColumn text={net} size={size} sizeBy={sizeBy} id="archtable" />
        {second && cmp !== null && <NetColumn text={cmp} size={size} sizeBy={sizeBy} id="archtable2" />}
      </div>
    </section>
  );
}

function SizeField({ value, onChange }: { value: number | null; onChange: (v: number | null) => void }) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  const n = Number(text);
  const valid = text === '' || (/^\d+$/.test(text) && n >= SIZE_RANGE[0] && n <= SIZE_RANGE[1]);
  return (
    <div className="spec-field size-field">
      <label htmlFor={id}>Input size</label>
      <input id={id} type="number" min={SIZE_RANGE[0]} max={SIZE_RANGE[1]} placeholder="own" value={text} aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value === '') onChange(null);
          else if (/^\d+$/.test(e.target.value) && v >= SIZE_RANGE[0] && v <= SIZE_RANGE[1]) onChange(v);
        }} />
    </div>
  );
}

function NetColumn({ text, size, sizeBy, id }: { text: string; size: number | null; sizeBy: SizeBy; id: string }) {
  const open = useExplore('open');
  const layer = useExplore('layer');
  const setExplore = useSetExplore();
  const { report } = analyse(text, size);
  const openSet = useMemo(() => new Set(open), [open]);
  const visible = useMemo(() => (report ? visibleRows(report.rows, openSet) : []), [report, openSet]);
  const layout = useMemo(() => (report ? layoutNetwork(report.rows, openSet, sizeBy) : null), [report, openSet, sizeBy]);
  const all = useMemo(() => (report ? flattenRows(report.rows) : []), [report]);
  const name = text.length > 32 ? `${text.slice(0, 32)}…` : text;
  if (!report) return <p className="panel-callout danger">“{name}” does not parse: fix it above; the rest of the lab keeps working.</p>;
  const totals = totalsText(report);
  const toggle = (row: string) => setExplore({ open: openSet.has(row) ? open.filter((n) => n !== row) : [...open, row].slice(-256) });
  return (
    <div className="arch-column">
      <PanelFrame
        id={id}
        section={false}
        level={3}
        title={`${name}: layer by layer`}
        data={() => tableData(report)}
        controls={
          <>
            <button type="button" className="panel-button" onClick={() => setExplore({ open: blockNames(report.rows).slice(0, 256) })}>Unfold all</button>
            <button type="button" className="panel-button" onClick={() => setExplore({ open: [] })}>Fold all</button>
          </>
        }
        table={
          <DataTable caption={`${name}: every layer and block`} rowHeader="Layer" columns={[{ header: 'Kind' }, { header: 'Output' }, { header: 'Parameters' }, { header: 'MACs' }, { header: 'RF' }, { header: 'Jump' }, { header: 'Activations' }]}
            rows={all.slice(0, 2000).map((r) => ({ key: r.name, header: r.name, cells: [r.kind, shapeText(r.out), exact(r.params), exact(r.macs), String(r.rf), String(r.jump), exact(r.activations)] }))} />
        }
      >
        <dl className="arch-totals" aria-label={`${name} totals`}>
          <div><dt>Parameters</dt><dd data-testid="total-params">{totals.params}</dd><dd className="exact">{exact(report.totals.params)}</dd></div>
          <div><dt>MACs</dt><dd data-testid="total-macs">{totals.macs}</dd><dd className="exact">{exact(report.totals.macs)}</dd></div>
          <div><dt>Activations</dt><dd>{totals.memory}</dd><dd className="exact">per example, float32</dd></div>
          <div><dt>Input → output</dt><dd>{shapeText(report.input)} → {totals.output}</dd></div>
        </dl>
        {report.totals.params !== report.mainTotals.params && <p className="panel-status">Without its auxiliary heads (at inference): {exact(report.mainTotals.params)} parameters.</p>}
        {report.problems.length > 0 && <p className="panel-callout danger" role="alert">{report.problems[0]}</p>}
        <div className="arch-body">
          {layout && <div className="arch-drawing-box" tabIndex={0} role="region" aria-label={`${name} drawing`}><ArchDrawing layout={layout} label={`Drawing of ${name}: ${visible.length} rows shown, boxes sized by ${sizeBy === 'shape' ? 'output shape' : 'cost'}`} /></div>}
          <div className="arch-tree-box" tabIndex={0} role="region" aria-label={`${name} layer table`}>
            <ArchTree caption={`${name} at ${shapeText(report.input)}`} rows={visible} selected={layer} onToggle={toggle} onSelect={(row) => setExplore({ layer: row })} />
          </div>
        </div>
      </PanelFrame>
    </div>
  );
}
