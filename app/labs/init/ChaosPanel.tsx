import { useCallback, useMemo, useState } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { ColorLegend } from '../../charts/ColorLegend.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { PhaseDiagram } from '../../charts/PhaseDiagram.tsx';
import { VIRIDIS_STOPS } from '../../charts/colormap.ts';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { CHAOS_GRID } from '../../../engine/contract/chaosPlane.ts';
import { PLANE_ACTIVATIONS, PLANE_TITLES, planePoint, planeSides, type PlaneActivation } from '../../../engine/contract/chaosActivations.ts';
import { closedFormGrid, useChaosGrid } from './chaosGrid.ts';
import { TrainabilityPanel } from './TrainabilityPanel.tsx';
import { biasText, gainFor, mappingText, networkSw2, XI_DECADES, xiColor } from './chaosRows.ts';
import '../../charts/panels.css';

const PANEL_ID = 'chaos';
const fmt = (x: number) => (Number.isNaN(x) ? '—' : Number.isFinite(x) ? formatNumber(x, 3) : '∞');
const height = (w: number) => Math.round(Math.min(420, Math.max(280, w * 0.6)));

const isPlaneActivation = (act: string): act is PlaneActivation => (PLANE_ACTIVATIONS as readonly string[]).includes(act);

/** What the plane of each activation shows, in words. */
const PLANE_TEXT: Readonly<Record<PlaneActivation, string>> = {
  tanh: 'On the σ_b² = 0 edge left of σ_w² = 1 the signal itself fades (q* = 0) and tanh acts linearly, so the correlation stays where it was.',
  erf: 'erf(√π x/2) has tanh’s slope at 0 and saturates like it; its Gaussian integrals are exact (Williams 1997), so this plane is in closed form: the same two phases as tanh, the edge a little to the left of tanh’s (σ_w² = 1.69 against 1.76 at σ_b² = 0.05). Layerscope has no erf layer, so no marker.',
  relu: 'For ReLU χ₁ = σ_w²/2 whatever σ_b² is. Left of σ_w² = 2 with biases: ordered, ξ_c = −1/log(σ_w²/2). At and right of σ_w² = 2 the length q_l grows without bound (grey, no q*) and the bias fades, so the correlation map becomes the arc-cosine map, whose slope at c = 1 is exactly 1: correlations creep to 1 polynomially (ξ_c = ∞) and never decorrelate — ReLU has no chaotic phase, only the line σ_w² = 2 (He’s initialization) between vanishing and exploding lengths. Without biases (the bottom edge) the same marginal map holds at every σ_w².',
  linear: 'A linear network: χ₁ = σ_w². Left of σ_w² = 1 with biases: ordered, c_l → 1 over ξ_c = −1/log σ_w² layers. Right of it q_l grows without bound (grey) while c_l stays where it was — no chaos; without biases the correlation map is the identity (ξ_c = ∞).',
};

/**
 * The edge of chaos (Poole et al. 2016; Schoenholz et al. 2017): the depth scale xi_c of a deep
 * network over the (sigma_w^2, sigma_b^2) plane (tanh, erf, ReLU, linear), the boundary chi_1 = 1,
 * and this network's point; below it the trainability map.
 */
export function ChaosPanel() {
  return <><PhasePanel /><TrainabilityPanel /></>;
}

function PhasePanel() {
  const config = useLab((s) => s.config);
  const setConfig = useLab((s) => s.setConfig);
  const [chosen, setChosen] = useState<PlaneActivation | null>(null);
  const act: PlaneActivation = chosen ?? (isPlaneActivation(config.act) ? config.act : 'tanh');
  const tanh = useChaosGrid();
  const closed = useMemo(() => (act === 'tanh' ? null : closedFormGrid(act)), [act]);
  const grid = act === 'tanh' ? tanh.grid : closed;
  const progress = act === 'tanh' ? tanh.progress : 1;
  const sw2 = networkSw2(config);
  const onPlane = config.act === act && sw2 !== null;
  const here = useMemo(() => (onPlane && sw2 !== null ? planePoint(act, sw2, 0) : null), [onPlane, act, sw2]);
  const pick = useCallback((x: number) => {
    const gain = gainFor(config, x);
    if (gain !== null) setConfig({ gain });
  }, [config, setConfig]);
  const readout = useCallback((x: number, y: number) => {
    const p = planePoint(act, x, Math.max(0, y));
    return `σ_w² ${fmt(x)}, σ_b² ${fmt(Math.max(0, y))}: χ₁ ${fmt(p.chi1)}, ${p.regime === 'unbounded' ? 'no q* (q grows)' : `ξ_c ${fmt(p.xiC)}`}`;
  }, [act]);
  const phase = here ? (here.regime === 'edge' ? 'at the edge' : here.regime === 'unbounded' ? 'without a fixed length (q grows)' : here.regime) : null;
  const title = `The edge of chaos (${PLANE_TITLES[act]})`;

  return (
    <PanelFrame
      id={PANEL_ID}
      title={title}
      hint={<>
        Two inputs sent through a deep random {PLANE_TITLES[act]} network with weights N(0, σ_w²/n) and biases N(0, σ_b²):
        {act === 'tanh' || act === 'erf'
          ? <> left of the dashed line χ₁ = 1 (ordered) their correlation goes to 1, right of it (chaotic) it settles below 1; either way it gets there over about ξ_c layers, the colour</>
          : <> left of the dashed line (ordered) their correlation goes to 1 over about ξ_c layers, the colour</>}
        {' '}(Poole et al. 2016; Schoenholz et al. 2017, who found networks train to a depth of about 6 ξ_c: the map below). {PLANE_TEXT[act]} Click the plane,
        or focus it and use the arrow keys and Enter, to set the gain.
        {' '}{mappingText(config)} {biasText(config)}
        {config.act !== act && act !== 'erf' && <> The plane is {PLANE_TITLES[act]}’s; this network uses {config.act}, so no marker.</>}
        {!isPlaneActivation(config.act) && <> The mean-field plane here covers tanh, erf, ReLU and linear; {config.act} is not drawn.</>}
        {here && <> This network: σ_w² = {fmt(here.sw2)}, χ₁ = {fmt(here.chi1)}, {phase}; ξ_c = {fmt(here.xiC)}, ξ_q = {fmt(here.xiQ)}, ξ_∇ = {fmt(here.xiGrad)} layers against its depth {config.depth}.</>}
      </>}
      controls={
        <label className="trainmap-controls">Activation of the plane{' '}
          <select value={act} onChange={(e) => setChosen(e.target.value as PlaneActivation)}>
            {PLANE_ACTIVATIONS.map((a) => <option key={a} value={a}>{PLANE_TITLES[a]}{a === config.act ? ' (this network)' : ''}</option>)}
          </select>
        </label>
      }
      table={
        <DataTable
          caption="The edge of chaos: this network's point, and the boundary chi_1 = 1"
          rowHeader="Point"
          columns={[{ header: 'σ_w²' }, { header: 'σ_b²' }, { header: 'q*' }, { header: 'χ₁' }, { header: 'c*' }, { header: 'ξ_c' }, { header: 'ξ_q' }, { header: 'ξ_∇' }]}
          rows={[
            ...(here ? [{ key: 'here', header: 'this network', cells: [fmt(here.sw2), '0', fmt(here.qStar), fmt(here.chi1), fmt(here.cStar), fmt(here.xiC), fmt(here.xiQ), fmt(here.xiGrad)] }] : []),
            ...(grid ? grid.boundary.filter((_, i) => i % 10 === 0).map(([w, b]) => {
              const p = planePoint(act, w, b);
              return { key: `b${b}`, header: 'boundary', cells: [fmt(w), fmt(b), fmt(p.qStar), fmt(p.chi1), fmt(p.cStar), fmt(p.xiC), fmt(p.xiQ), fmt(p.xiGrad)] };
            }) : []),
          ]}
        />
      }
    >
      <div data-testid="chaos-status" data-ms={grid ? Math.round(grid.ms) : ''}>
        {grid ? <small>Computed on a {grid.columns} × {grid.rows} grid in {Math.round(grid.ms)} ms.</small> : <small>Computing the plane… {Math.round(progress * 100)}%</small>}
      </div>
      <ColorLegend width={320} domain={XI_DECADES} stops={VIRIDIS_STOPS} label={act === 'relu' || act === 'linear' ? 'ξ_c, layers (log scale); grey: no q*' : 'ξ_c, layers (log scale)'} />
      <ChartBox height={height} placeholder={grid ? null : 'Computing the plane…'}>
        {(width, h) => grid && (
          <PhaseDiagram
            width={width} height={h} rows={grid.rows} columns={grid.columns} values={grid.xi} color={xiColor}
            xDomain={CHAOS_GRID.sw2} yDomain={CHAOS_GRID.sb2} xLabel="σ_w²" yLabel="σ_b²"
            boundary={grid.boundary} sides={planeSides(act)}
            marker={here ? { x: here.sw2, y: 0, label: `gain ${config.gain}` } : null}
            onPick={onPlane ? pick : undefined} readout={readout}
            pickLabel="Edge-of-chaos plane: arrow keys move the cursor, Enter sets the gain for its σ_w²"
            ariaLabel={`Depth scale ξ_c over σ_w² ${CHAOS_GRID.sw2.join('–')} and σ_b² ${CHAOS_GRID.sb2.join('–')} for ${PLANE_TITLES[act]}; the ${act === 'tanh' || act === 'erf' ? 'edge χ₁ = 1' : 'boundary'} runs from σ_w² = ${fmt(grid.boundary[0][0])} at σ_b² = 0 to ${fmt(grid.boundary[grid.boundary.length - 1][0])} at σ_b² = ${CHAOS_GRID.sb2[1]}${here ? `; this network at σ_w² = ${fmt(here.sw2)}, ${phase}` : ''}.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
