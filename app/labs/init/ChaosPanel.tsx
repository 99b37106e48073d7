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
import { CHAOTIC, criticalSw2, isSmooth, leakyLine, PLANE_ACTIVATIONS, PLANE_TITLES, planePoint, planeSides, UNBOUNDED_SOMEWHERE, type PlaneActivation } from '../../../engine/contract/chaosActivations.ts';
import { LEAKY_SLOPE } from '../../../engine/contract/names.ts';
import { closedFormGrid, useChaosGrid } from './chaosGrid.ts';
import { TrainabilityPanel } from './TrainabilityPanel.tsx';
import { biasText, gainFor, mappingText, networkSw2, XI_DECADES, xiColor } from './chaosRows.ts';
import '../../charts/panels.css';

const PANEL_ID = 'chaos';
const fmt = (x: number) => (Number.isNaN(x) ? '—' : Number.isFinite(x) ? formatNumber(x, 3) : '∞');
const height = (w: number) => Math.round(Math.min(420, Math.max(280, w * 0.6)));

const isPlaneActivation = (act: string): act is PlaneActivation => (PLANE_ACTIVATIONS as readonly string[]).includes(act);

/** What the plane of each activation shows, in words (numbers computed, not typed in). */
function planeText(act: PlaneActivation): string {
  switch (act) {
    case 'tanh': return 'On the σ_b² = 0 edge left of σ_w² = 1 the signal itself fades (q* = 0) and tanh acts linearly, so the correlation stays where it was.';
    case 'erf': return 'erf(√π x/2) has tanh’s slope at 0 and saturates like it; its Gaussian integrals are exact (Williams 1997), so this plane is in closed form: the same two phases as tanh, the edge a little to the left of tanh’s (σ_w² = 1.69 against 1.76 at σ_b² = 0.05). Layerscope has no erf layer, so no marker.';
    case 'sigmoid': return `sigmoid(x) = (1 + tanh(x/2))/2: its slope at 0 is only 1/4 and its mean 1/2 acts like a large bias, so χ₁ stays below 1 on this whole plane — ordered everywhere, no dashed line; the edge χ₁ = 1 lies at σ_w² ≈ ${formatNumber(criticalSw2('sigmoid', 0.05, 400), 3)} for σ_b² = 0.05, far to the right.`;
    case 'gelu': return 'GELU (x Φ(x), slope 1/2 at 0) grows like ReLU for large inputs, so a little past the dashed line the length q_l grows without bound from q = 1 (grey, no q*); chaotic cells between the two are few (counted below).';
    case 'elu': return 'ELU (x above 0, eˣ − 1 below; slope 1 at 0): without biases q* = 0 left of σ_w² = 1, as for tanh. It grows linearly, so a little further right the length q_l grows without bound (grey, no q*); between the dashed line and the grey, a chaotic strip.';
    case 'selu': {
      const own = planePoint('selu', 1, 0);
      return `SELU (Klambauer et al. 2017: λ = 1.0507, α = 1.6733) grows like λx, so right of about σ_w² = 2/λ² = ${formatNumber(2 / 1.0507009873554805 ** 2, 3)} the length q_l grows without bound (grey, no q*). At its own initialization (lecun_normal: σ_w² = 1, σ_b² = 0) q* = ${formatNumber(own.qStar, 3)} and χ₁ = ${formatNumber(own.chi1, 3)}: ${own.regime === 'chaotic' ? 'just on the chaotic side of the edge' : own.regime}, ξ_c = ${formatNumber(own.xiC, 3)} layers.`;
    }
    case 'relu': return 'For ReLU χ₁ = σ_w²/2 whatever σ_b² is. Left of σ_w² = 2 with biases: ordered, ξ_c = −1/log(σ_w²/2). At and right of σ_w² = 2 the length q_l grows without bound (grey, no q*) and the bias fades, so the correlation map becomes the arc-cosine map, whose slope at c = 1 is exactly 1: correlations creep to 1 polynomially (ξ_c = ∞) and never decorrelate — ReLU has no chaotic phase, only the line σ_w² = 2 (He’s initialization) between vanishing and exploding lengths. Without biases (the bottom edge) the same marginal map holds at every σ_w².';
    case 'leaky_relu': return `For leaky ReLU (slope ${LEAKY_SLOPE} below 0) χ₁ = σ_w² (1 + ${LEAKY_SLOPE}²)/2 whatever σ_b² is. Left of the line σ_w² = 2/(1 + ${LEAKY_SLOPE}²) = ${formatNumber(leakyLine(), 5)} (He’s initialization with the leaky gain) with biases: ordered, ξ_c = −1/log χ₁. At and right of it the length grows without bound (grey, no q*), the bias fades and the correlation map becomes c ↦ (a c + (1 − a)² J(c))/((1 + a²)/2), J the arc-cosine kernel, whose slope at c = 1 is exactly 1: like ReLU, no chaotic phase, only that degenerate line. Without biases (the bottom edge) the same marginal map holds at every σ_w².`;
    case 'linear': return 'A linear network: χ₁ = σ_w². Left of σ_w² = 1 with biases: ordered, c_l → 1 over ξ_c = −1/log σ_w² layers. Right of it q_l grows without bound (grey) while c_l stays where it was — no chaos; without biases the correlation map is the identity (ξ_c = ∞).';
  }
}

/** How many cells of the drawn grid are ordered, chaotic and without q*: read off the grid itself. */
function gridCounts(points: readonly { readonly chi1: number; readonly cStar: number; readonly qStar: number }[]): string {
  let ordered = 0, chaotic = 0, unbounded = 0;
  for (const p of points) {
    if (!Number.isFinite(p.qStar)) unbounded++;
    else if (p.cStar < 1) chaotic++;
    else ordered++;
  }
  return `On this grid: ${ordered} cells ordered, ${chaotic} chaotic (c* < 1), ${unbounded} without q* (grey).`;
}

/**
 * The edge of chaos (Poole et al. 2016; Schoenholz et al. 2017): the depth scale xi_c of a deep
 * network over the (sigma_w^2, sigma_b^2) plane (every activation a link may choose, and erf), the boundary chi_1 = 1,
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
  const smooth = useChaosGrid(act);
  const closed = useMemo(() => (isSmooth(act) ? null : closedFormGrid(act)), [act]);
  const grid = isSmooth(act) ? smooth.grid : closed;
  const progress = isSmooth(act) ? smooth.progress : 1;
  // The dashed line where it lies on the plane (sigmoid's edge is far right of it).
  const boundary = useMemo(() => (grid ? grid.boundary.filter(([w]) => w <= CHAOS_GRID.sw2[1]) : []), [grid]);
  const text = useMemo(() => planeText(act), [act]);
  const counts = useMemo(() => (grid ? gridCounts(grid.points) : ''), [grid]);
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
        {CHAOTIC[act] && UNBOUNDED_SOMEWHERE[act]
          ? <> left of the dashed line (ordered, χ₁ &lt; 1) their correlation goes to 1; right of it, where q* exists and χ₁ &gt; 1 (chaotic), it settles below 1, and in the grey the length q_l grows without bound (no q*, no colour); either way it gets there over about ξ_c layers, the colour</>
          : CHAOTIC[act]
          ? <> left of the dashed line χ₁ = 1 (ordered) their correlation goes to 1, right of it (chaotic) it settles below 1; either way it gets there over about ξ_c layers, the colour</>
          : <> {boundary.length > 0 ? 'left of the dashed line (ordered)' : 'on this plane (ordered)'} their correlation goes to 1 over about ξ_c layers, the colour</>}
        {' '}(Poole et al. 2016; Schoenholz et al. 2017, who found networks train to a depth of about 6 ξ_c: the map below). {text} {counts} Click the plane,
        or focus it and use the arrow keys and Enter, to set the gain.
        {' '}{mappingText(config)} {biasText(config)}
        {config.act !== act && act !== 'erf' && <> The plane is {PLANE_TITLES[act]}’s; this network uses {config.act}, so no marker.</>}
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
            ...(grid ? boundary.filter((_, i) => i % 10 === 0).map(([w, b]) => {
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
      <ColorLegend width={320} domain={XI_DECADES} stops={VIRIDIS_STOPS} label={UNBOUNDED_SOMEWHERE[act] ? 'ξ_c, layers (log scale); grey: no q*' : 'ξ_c, layers (log scale)'} />
      <ChartBox height={height} placeholder={grid ? null : 'Computing the plane…'}>
        {(width, h) => grid && (
          <PhaseDiagram
            width={width} height={h} rows={grid.rows} columns={grid.columns} values={grid.xi} color={xiColor}
            xDomain={CHAOS_GRID.sw2} yDomain={CHAOS_GRID.sb2} xLabel="σ_w²" yLabel="σ_b²"
            boundary={boundary} sides={boundary.length > 0 ? planeSides(act) : undefined}
            marker={here ? { x: here.sw2, y: 0, label: `gain ${config.gain}` } : null}
            onPick={onPlane ? pick : undefined} readout={readout}
            pickLabel="Edge-of-chaos plane: arrow keys move the cursor, Enter sets the gain for its σ_w²"
            ariaLabel={`Depth scale ξ_c over σ_w² ${CHAOS_GRID.sw2.join('–')} and σ_b² ${CHAOS_GRID.sb2.join('–')} for ${PLANE_TITLES[act]}; ${boundary.length > 0 ? `the ${CHAOTIC[act] && !UNBOUNDED_SOMEWHERE[act] ? 'edge χ₁ = 1' : 'boundary of the ordered phase'} runs from σ_w² = ${fmt(boundary[0][0])} at σ_b² = ${fmt(boundary[0][1])} to ${fmt(boundary[boundary.length - 1][0])} at σ_b² = ${fmt(boundary[boundary.length - 1][1])}` : 'ordered everywhere, no boundary on the plane'}${here ? `; this network at σ_w² = ${fmt(here.sw2)}, ${phase}` : ''}.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
