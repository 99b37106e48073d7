/** The first conv layer's filters as images (blue negative, red positive, one scale for all), redrawn as they learn. */
import { useMemo } from 'react';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { runHeading } from '../training/runLabel.ts';
import { TensorCanvas } from './TensorCanvas.tsx';
import { maxAbs } from './tensorColors.ts';
import { useArchState, useVariantArchStates } from './useArch.ts';
import type { ArchState } from '../../../engine/contract/archLayout.ts';

const MAX_FILTERS = 64;

export function FiltersPanel() {
  const primary = useArchState();
  const variants = useVariantArchStates();
  const config = useLab((s) => s.trainConfig);
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  const runs = [primary, ...variants];
  const filters = primary?.filters ?? null;
  const [out, inC, kh, kw] = filters?.shape ?? [0, 0, 0, 0];
  const rows = useMemo(() => {
    if (!filters) return [];
    const plane = kh * kw;
    return Array.from({ length: Math.min(out, MAX_FILTERS) }, (_, o) => {
      const at = o * inC * plane;
      let s = 0, q = 0;
      for (let i = 0; i < inC * plane; i++) { s += filters.data[at + i]; q += filters.data[at + i] ** 2; }
      return { key: o, header: `filter ${o + 1}`, cells: [String(Math.sqrt(q)), String(s / (inC * plane))] };
    });
  }, [filters, out, inC, kh, kw]);
  return (
    <PanelFrame
      id="filters"
      title="First-layer filters"
      hint={<>Each of the first conv layer’s {out} filters ({kh}×{kw}{inC > 1 ? `, input channel 1 of ${inC}` : ''}) at step {step}: blue negative, white 0, red positive, one colour scale per run (the largest |w|). At initialization they are noise; training turns many into stroke and edge detectors.</>}
      table={<DataTable caption="Each filter's norm and mean weight" rowHeader="Filter" columns={[{ header: '‖w‖' }, { header: 'mean w' }]} rows={rows} />}
    >
      {!filters ? <p className="chart-placeholder">{primary ? 'This network has no conv layer.' : 'Waiting for the run…'}</p> : (
        <div className="run-columns">
          {runs.map((run, i) => run?.filters && <FilterGrid key={i} state={run} title={runs.length > 1 ? runHeading(config, i) : null} />)}
        </div>
      )}
    </PanelFrame>
  );
}

function FilterGrid({ state, title }: { state: ArchState; title: string | null }) {
  const f = state.filters!;
  const [out, inC, kh, kw] = f.shape;
  const max = maxAbs(f.data);
  const scale = Math.max(4, Math.min(20, Math.floor(64 / Math.max(kh, kw))));
  return (
    <div className="run-column">
      {title && <h3 className="run-title">{title}</h3>}
      <div className="filter-grid" data-testid="filter-grid">
        {Array.from({ length: Math.min(out, MAX_FILTERS) }, (_, o) => (
          <TensorCanvas key={o} data={f.data} offset={o * inC * kh * kw} h={kh} w={kw} scale={scale} mode="diverging" max={max} label={`Filter ${o + 1}`} />
        ))}
      </div>
    </div>
  );
}
