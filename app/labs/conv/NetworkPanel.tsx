/**
 * The network being trained, drawn and as a spec sheet: the architecture explorer's drawing and
 * layer table (blocks fold; an Inception module's branches side by side, skips as skips), here with
 * each conv's size formula filled in and n = fan_in, on the data set's own input; and the lecture's
 * weight-sharing point in numbers: the first conv's parameters against a dense layer between the
 * same input and output.
 */
import { useId, useMemo, useState } from 'react';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { flattenRows } from '../../../engine/contract/arch/shapePass.ts';
import { useLab } from '../../store/LabContext.tsx';
import { ArchDrawing } from '../architectures/ArchDrawing.tsx';
import { ArchTree } from '../architectures/ArchTree.tsx';
import { blockNames, exact, shapeText, tableData, totalsText, visibleRows } from '../architectures/archRows.ts';
import { layoutNetwork } from '../architectures/drawing.ts';
import '../architectures/architectures.css';
import { checkSpec, unitRows, weightSharing } from './convArchs.ts';
import { archNotApplied } from '../../../engine/contract/applies.ts';
import { useConvSelection } from './selection.ts';
import { useShownRun } from './RunChoice.tsx';

export function NetworkPanel() {
  const data = useLab((s) => s.config.data);
  const config = useLab((s) => s.config);
  // A/B runs of other architectures (vs=arch:...): a switch draws each run's network.
  const { arch, sameNetwork, control: runSwitch } = useShownRun({ networks: true });
  const notApplied = useMemo(() => archNotApplied(config), [config]);
  // Selecting a layer selects it in every panel, by the first run's layers: only on its sheet.
  const selection = useConvSelection((s) => s.unit);
  const choose = useConvSelection((s) => s.select);
  const unit = sameNetwork ? selection : null;
  const select = sameNetwork ? choose : () => {};
  const [open, setOpen] = useState<readonly string[]>([]);
  const hintId = useId();
  const { report, problem } = useMemo(() => checkSpec(arch, data), [arch, data]);
  const openSet = useMemo(() => new Set(open), [open]);
  const units = useMemo(() => (report ? unitRows(report) : []), [report]);
  const visible = useMemo(() => (report ? visibleRows(report.rows, openSet) : []), [report, openSet]);
  const layout = useMemo(() => (report ? layoutNetwork(report.rows, openSet, 'shape') : null), [report, openSet]);
  const sharing = useMemo(() => (report ? weightSharing(arch, report) : null), [arch, report]);
  if (!report) return <section className="lab-panel"><h2 className="panel-title">The network</h2><p className="panel-callout danger">{problem ?? 'The spec does not parse: fix it in the controls.'}</p></section>;
  const selectedRow = unit !== null ? units[unit]?.name ?? null : null;
  const totals = totalsText(report);
  const all = flattenRows(report.rows);
  return (
    <PanelFrame
      id="convnet"
      title="The network: drawing and spec sheet"
      hint={<span id={hintId}>Every layer on the data’s {shapeText(report.input)} images: output shape with the size formula ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1 filled in, n = fan_in (what He’s and Xavier’s variances divide by), parameters, multiply-accumulates per image and receptive field. Click a layer’s name to select it in every panel; ▸ unfolds a block.</span>}
      controls={
        <>
          {runSwitch}
          <button type="button" className="panel-button" onClick={() => setOpen(blockNames(report.rows).slice(0, 256))}>Unfold all</button>
          <button type="button" className="panel-button" onClick={() => setOpen([])}>Fold all</button>
        </>
      }
      data={() => tableData(report)}
      table={
        <DataTable caption="Every layer and block" rowHeader="Layer" columns={[{ header: 'Kind' }, { header: 'Output' }, { header: 'Size formula' }, { header: 'n = fan_in' }, { header: 'Parameters' }, { header: 'MACs' }, { header: 'RF' }]}
          rows={all.slice(0, 2000).map((r) => ({ key: r.name, header: r.name, cells: [r.kind, shapeText(r.out), r.formula ?? '', r.fanIn === undefined ? '' : String(r.fanIn), exact(r.params), exact(r.macs), String(r.rf)] }))} />
      }
    >
      <dl className="arch-totals" aria-label="Network totals">
        <div><dt>Parameters</dt><dd data-testid="conv-params">{exact(report.totals.params)}</dd></div>
        <div><dt>MACs per image</dt><dd>{totals.macs}</dd><dd className="exact">{exact(report.totals.macs)}</dd></div>
        <div><dt>Input → output</dt><dd>{shapeText(report.input)} → {totals.output}</dd></div>
      </dl>
      {problem && <p className="panel-callout danger" role="alert">{problem}</p>}
      {notApplied.length > 0 && (
        <p className="panel-callout" data-testid="arch-not-applied">
          Not used by this network: {notApplied.map((n) => `${n.key}=${n.value} (${n.why})`).join('; ')}.
        </p>
      )}
      {sharing && (
        <p className="panel-callout" data-testid="weight-sharing">
          Weight sharing: the first conv maps {shapeText(sharing.field)}{sharing.field[1] !== report.input[1] ? ' (the padded input)' : ''} to {shapeText(sharing.out)} with{' '}
          <strong>{exact(sharing.convParams)}</strong> parameters; a dense layer between the same shapes would need{' '}
          <strong>{exact(sharing.denseParams)}</strong> ({shapeText(sharing.field)} × {shapeText(sharing.out)} weights + {exact(sharing.out.reduce((a, b) => a * b, 1))} biases),{' '}
          {Math.round(sharing.denseParams / sharing.convParams).toLocaleString('en-US')} times as many.
        </p>
      )}
      <div className="arch-body">
        {layout && <div className="arch-drawing-box" tabIndex={0} role="region" aria-label="Network drawing"><ArchDrawing layout={layout} selected={selectedRow} label={`Drawing of the network: ${visible.length} rows shown, boxes sized by output shape`} /></div>}
        <div className="arch-tree-box" tabIndex={0} role="region" aria-label="Spec sheet">
          <ArchTree caption={`Spec sheet at ${shapeText(report.input)}`} rows={visible} selected={selectedRow} sheet
            onToggle={(row) => setOpen(openSet.has(row) ? open.filter((n) => n !== row) : [...open, row].slice(-256))}
            onSelect={(row) => { const i = units.findIndex((r) => r.name === row); select(i >= 0 ? i : null); }} />
        </div>
      </div>
    </PanelFrame>
  );
}
