import { useId, useMemo } from 'react';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { analyse, pathTo } from './archRows.ts';
import { ErfView } from './ErfView.tsx';
import { RfChart } from './RfChart.tsx';
import { defaultLayer, recurrence, regionOf } from './rfRows.ts';
import { useExplore, useSetExplore } from './useExplore.ts';

/** For a chosen layer of the table's net: the input region one unit sees, from the recurrence, and the part of it that counts (measured). */
export function ReceptiveFieldPanel() {
  const net = useExplore('net');
  const size = useExplore('size');
  const chosen = useExplore('layer');
  const setExplore = useSetExplore();
  const selectId = useId();
  const { report } = analyse(net, size);
  const rows = report?.rows ?? [];
  const layers = useMemo(() => pathTo(rows, null).filter((r) => r.out.length === 3), [rows]);
  const layer = chosen !== null && layers.some((r) => r.name === chosen) ? chosen : defaultLayer(rows);
  const steps = useMemo(() => recurrence(rows, layer), [rows, layer]);
  const row = layers.find((r) => r.name === layer) ?? null;
  const image = report && report.input.length === 3 ? report.input[1] : null;
  const region = row && image ? regionOf(row, image) : null;
  return (
    <PanelFrame
      id="rfield"
      title="Receptive field"
      hint={<>The input region one unit of the chosen layer sees: r<sub>l</sub> = r<sub>l−1</sub> + (k<sub>l</sub> − 1)·j<sub>l−1</sub>, j<sub>l</sub> = j<sub>l−1</sub>·s<sub>l</sub>, along the net of the table above.</>}
      controls={
        <label className="arch-select" htmlFor={selectId}>
          <span>Layer</span>
          <select id={selectId} value={layer ?? ''} onChange={(e) => setExplore({ layer: e.target.value })} disabled={layers.length === 0}>
            {layers.map((r) => <option key={r.name} value={r.name}>{r.name} ({r.kind}, {r.out.join('×')})</option>)}
          </select>
        </label>
      }
      table={<DataTable caption={`The recurrence up to ${layer ?? '—'}`} rowHeader="Layer" columns={[{ header: 'window d(k−1)+1' }, { header: 'stride' }, { header: 'receptive field r' }, { header: 'jump j' }]}
        rows={steps.map((s) => ({ key: s.name, header: s.name, cells: [String(s.extent), String(s.stride), String(s.rf), String(s.jump)] }))} />}
    >
      {!report || !region || !row ? <p className="panel-status">No image layer to show{report ? '' : ': the architecture above does not parse'}.</p> : (
        <div className="rf-layout">
          <RfChart region={region} label={`Receptive field of one unit of ${row.name}: ${row.rf}×${row.rf} input pixels of the ${image}×${image} input, neighbouring units ${row.jump} pixels apart`} />
          <div className="rf-numbers">
            <p className="rf-big" data-testid="rf-size">{row.rf}×{row.rf}</p>
            <p>input pixels one unit of <code>{row.name}</code> sees; neighbouring units are <strong>{row.jump}</strong> pixels apart (the jump, the product of the strides).</p>
            <p>{steps.length} layers on the way change the field; {region.onImage < 1 ? `${Math.round(region.onImage * 100)}% of it lies on the image, the rest on padding.` : 'all of it lies on the image.'}</p>
          </div>
        </div>
      )}
      {report && region && row && <ErfView net={net} input={[report.input[0], report.input[1], report.input[2]]} layer={layer} />}
    </PanelFrame>
  );
}
