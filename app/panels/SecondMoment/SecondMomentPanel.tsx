import { useId, useMemo } from 'react';
import { useElementSize } from '../../hooks/useElementSize.ts';
import { useLab } from '../../store/LabContext.tsx';
import type { RunStatus } from '../../store/runSlice.ts';
import { layerRows } from './layerRows.ts';
import { Legend } from './Legend.tsx';
import { SecondMomentChart } from './SecondMomentChart.tsx';
import { SecondMomentTable } from './SecondMomentTable.tsx';

/** "Second moment by layer": reads the store, hands plain rows to the chart and the table. */
export function SecondMomentPanel() {
  const probe = useLab((s) => s.probe);
  const stale = useLab((s) => s.probeConfig !== s.config);
  const showTable = useLab((s) => s.tablesOpen['second-moment'] === true);
  const toggleTable = useLab((s) => s.toggleTable);
  const status = useLab((s) => s.status);
  const rows = useMemo(() => (probe ? layerRows(probe) : []), [probe]);
  const [box, size] = useElementSize<HTMLDivElement>();
  const tableId = useId();
  const titleId = useId();
  const overflow = rows.some((r) => r.preM2.kind === 'overflow' || r.theoryPreM2.kind === 'overflow');
  const zero = rows.some((r) => r.preM2.kind === 'zero' || r.theoryPreM2.kind === 'zero');
  const chartHeight = Math.round(Math.min(440, Math.max(300, size.width * 0.36)));

  return (
    <section className="panel" aria-labelledby={titleId}>
      <figure className="figure" aria-labelledby={titleId} aria-busy={stale}>
        <div className="figure-head">
          <figcaption>
            <h2 id={titleId}>Second moment by layer</h2>
            <p className="hint">
              The size of each hidden layer's pre-activations h. Flat: the signal keeps its size with depth. Dashed:
              what the theory predicts.
            </p>
          </figcaption>
          <button type="button" className="button" aria-expanded={showTable} aria-controls={tableId} onClick={() => toggleTable('second-moment')}>
            {showTable ? 'Hide table' : 'Show table'}
          </button>
        </div>
        {probe && <ForwardOverflow layer={probe.forwardOverflowLayer} />}
        {probe && <BackwardOverflow layer={probe.backwardOverflowLayer} />}
        <Legend overflow={overflow} zero={zero} />
        <div ref={box} className="chart-box" style={{ height: chartHeight }}>
          {rows.length > 0 && size.width > 0 ? (
            <SecondMomentChart rows={rows} width={size.width} height={chartHeight} stale={stale} />
          ) : (
            <p className="placeholder">{PLACEHOLDER[status]}</p>
          )}
        </div>
      </figure>
      <SecondMomentTable id={tableId} rows={rows} hidden={!showTable} />
    </section>
  );
}

const PLACEHOLDER: Readonly<Record<RunStatus, string>> = {
  idle: 'Running the first probe…',
  running: 'Running the first probe…',
  ready: '',
  error: 'No chart yet: the engine failed (see above).',
  stopped: 'No chart yet: the probe was stopped.',
};

function ForwardOverflow({ layer }: { layer: number }) {
  if (layer === 0) return null;
  return (
    <p className="callout danger">
      <span aria-hidden="true">▲ </span>
      <strong>Layer {layer} overflowed in the forward pass</strong>: its values went past float32's largest number
      (about 3.4 × 10³⁸) and became Infinity or NaN.
    </p>
  );
}

function BackwardOverflow({ layer }: { layer: number }) {
  if (layer === 0) return null;
  return (
    <p className="callout danger">
      <span aria-hidden="true">▲ </span>
      <strong>The gradient overflowed in the backward pass</strong>, first at layer {layer} on its way down.
    </p>
  );
}
