import { useCallback, useMemo } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { ColorLegend } from '../../charts/ColorLegend.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { PhaseDiagram } from '../../charts/PhaseDiagram.tsx';
import { VIRIDIS_STOPS } from '../../charts/colormap.ts';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { CHAOS_GRID, tanhChaosPoint } from '../../../engine/contract/chaosPlane.ts';
import { useChaosGrid } from './chaosGrid.ts';
import { TrainabilityPanel } from './TrainabilityPanel.tsx';
import { biasText, gainFor, mappingText, networkSw2, XI_DECADES, xiColor } from './chaosRows.ts';
import '../../charts/panels.css';

const PANEL_ID = 'chaos';
const fmt = (x: number) => (Number.isFinite(x) ? formatNumber(x, 3) : '∞');
const height = (w: number) => Math.round(Math.min(420, Math.max(280, w * 0.6)));

/**
 * The edge of chaos (Poole et al. 2016; Schoenholz et al. 2017): the depth scale xi_c of a deep
 * tanh network over the (sigma_w^2, sigma_b^2) plane, the boundary chi_1 = 1, and this network's point.
 */
export function ChaosPanel() {
  return <><PhasePanel /><TrainabilityPanel /></>;
}

function PhasePanel() {
  const config = useLab((s) => s.config);
  const setConfig = useLab((s) => s.setConfig);
  const { grid, progress } = useChaosGrid();
  const sw2 = networkSw2(config);
  const onPlane = config.act === 'tanh' && sw2 !== null;
  const here = useMemo(() => (onPlane && sw2 !== null ? tanhChaosPoint(sw2, 0) : null), [onPlane, sw2]);
  const pick = useCallback((x: number) => {
    const gain = gainFor(config, x);
    if (gain !== null) setConfig({ gain });
  }, [config, setConfig]);
  const readout = useCallback((x: number, y: number) => {
    const p = tanhChaosPoint(x, Math.max(0, y));
    return `σ_w² ${fmt(x)}, σ_b² ${fmt(Math.max(0, y))}: χ₁ ${fmt(p.chi1)}, ξ_c ${fmt(p.xiC)}`;
  }, []);
  const phase = here ? (here.chi1 < 1 - 1e-9 ? 'ordered' : here.chi1 > 1 + 1e-9 ? 'chaotic' : 'at the edge') : null;

  return (
    <PanelFrame
      id={PANEL_ID}
      title="The edge of chaos (tanh)"
      hint={<>
        Two inputs sent through a deep random tanh network with weights N(0, σ_w²/n) and biases N(0, σ_b²):
        left of the dashed line χ₁ = 1 (ordered) their correlation goes to 1, right of it (chaotic) it
        settles below 1; either way it gets there over about ξ_c layers, the colour (Poole et al. 2016;
        Schoenholz et al. 2017, who found networks train to a depth of about 6 ξ_c). On the σ_b² = 0 edge left of σ_w² = 1
        the signal itself fades (q* = 0) and tanh acts linearly, so the correlation stays where it was. Click the plane to set the gain.
        {' '}{mappingText(config)} {biasText(config)}
        {config.act !== 'tanh' && <> The plane is tanh’s; this network uses {config.act}, so no marker.</>}
        {' '}For ReLU, χ₁ = σ_w²/2 whatever σ_b² is: below σ_w² = 2 ordered, above it the length q_l grows without bound, so the plane collapses to the line σ_w² = 2 (He’s initialization).
        {here && <> This network: σ_w² = {fmt(here.sw2)}, χ₁ = {fmt(here.chi1)}, {phase}; ξ_c = {fmt(here.xiC)} layers against its depth {config.depth}.</>}
      </>}
      table={
        <DataTable
          caption="The edge of chaos: this network's point, and the boundary chi_1 = 1"
          rowHeader="Point"
          columns={[{ header: 'σ_w²' }, { header: 'σ_b²' }, { header: 'q*' }, { header: 'χ₁' }, { header: 'c*' }, { header: 'ξ_c' }]}
          rows={[
            ...(here ? [{ key: 'here', header: 'this network', cells: [fmt(here.sw2), '0', fmt(here.qStar), fmt(here.chi1), fmt(here.cStar), fmt(here.xiC)] }] : []),
            ...(grid ? grid.boundary.filter((_, i) => i % 10 === 0).map(([w, b]) => ({ key: `b${b}`, header: 'boundary', cells: [fmt(w), fmt(b), fmt(tanhChaosPoint(w, b).qStar), '1', '1', '∞'] })) : []),
          ]}
        />
      }
    >
      <div data-testid="chaos-status" data-ms={grid ? Math.round(grid.ms) : ''}>
        {grid ? <small>Computed on a {grid.columns} × {grid.rows} grid in {Math.round(grid.ms)} ms.</small> : <small>Computing the plane… {Math.round(progress * 100)}%</small>}
      </div>
      <ColorLegend width={320} domain={XI_DECADES} stops={VIRIDIS_STOPS} label="ξ_c, layers (log scale)" />
      <ChartBox height={height} placeholder={grid ? null : 'Computing the plane…'}>
        {(width, h) => grid && (
          <PhaseDiagram
            width={width} height={h} rows={grid.rows} columns={grid.columns} values={grid.xi} color={xiColor}
            xDomain={CHAOS_GRID.sw2} yDomain={CHAOS_GRID.sb2} xLabel="σ_w²" yLabel="σ_b²"
            boundary={grid.boundary} sides={['ordered', 'chaotic']}
            marker={here ? { x: here.sw2, y: 0, label: `gain ${config.gain}` } : null}
            onPick={onPlane ? pick : undefined} readout={readout}
            pickLabel="Edge-of-chaos plane: arrow keys move the cursor, Enter sets the gain for its σ_w²"
            ariaLabel={`Depth scale ξ_c over σ_w² ${CHAOS_GRID.sw2.join('–')} and σ_b² ${CHAOS_GRID.sb2.join('–')} for tanh; the edge χ₁ = 1 runs from σ_w² = ${fmt(grid.boundary[0][0])} at σ_b² = 0 to ${fmt(grid.boundary[grid.boundary.length - 1][0])} at σ_b² = ${CHAOS_GRID.sb2[1]}${here ? `; this network at σ_w² = ${fmt(here.sw2)}, ${phase}` : ''}.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
