/**
 * One test image through the network in eval mode: every layer's activations, a small image per
 * channel (up to 16 a layer; one colour scale per layer, 0 dark to the layer's largest value
 * bright), a dense layer's as a strip. Choosing a layer here selects it in every panel.
 */
import { useId, useMemo } from 'react';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { DATASETS } from '../../../engine/contract/datasets.ts';
import type { PackedTensor } from '../../../engine/contract/archLayout.ts';
import { useLab, useTrainingControls } from '../../store/LabContext.tsx';
import { TensorCanvas } from './TensorCanvas.tsx';
import { maxAbs } from './tensorColors.ts';
import { useConvSelection } from './selection.ts';
import { useShownRun } from './RunChoice.tsx';

const MAX_CHANNELS = 16;

export function FeatureMapsPanel() {
  const { state, sameNetwork, control } = useShownRun();
  const dataset = useLab((s) => s.dataset);
  const training = useTrainingControls();
  const selection = useConvSelection((s) => s.unit);
  const choose0 = useConvSelection((s) => s.select);
  const unit = sameNetwork ? selection : null;
  const select = sameNetwork ? choose0 : () => {};
  const inputId = useId();
  const maps = state?.maps ?? null;
  const count = dataset?.testCount ?? 0;
  const names = dataset ? DATASETS[dataset.name].classNames : undefined;
  const className = (c: number) => (names ? `${c} ${names[c]}` : String(c));
  const choose = (i: number) => training.inspect?.(Math.max(0, Math.min(count - 1, i)));
  const rows = useMemo(() => (maps && state ? maps.layers.map((l, i) => ({
    key: i, header: `layer ${i + 1}`, cells: [state.units[i]?.name ?? '', l.shape.join('×'), String(mean(l.data)), String(maxAbs(l.data)), String(zeroFraction(l.data))],
  })) : []), [maps, state]);
  const side = dataset?.imageShape?.[2] ?? 8;
  return (
    <PanelFrame
      id="featuremaps"
      title="Feature maps of one test image"
      hint={<>The chosen test image through the network with batch norm in eval mode, as the trained model is used: each layer’s activations, one small image per channel (the first {MAX_CHANNELS}), 0 dark and the layer’s largest value bright. Early layers keep the picture; later ones keep less “where” and more “what”.</>}
      controls={
        <>
        {control}
        <div className="inspect-controls">
          <label htmlFor={inputId}>Test image</label>
          <input id={inputId} type="number" min={0} max={Math.max(0, count - 1)} value={maps?.index ?? 0} onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v)) choose(v); }} />
          <button type="button" className="panel-button" onClick={() => choose((maps?.index ?? 0) - 1)} disabled={!maps || maps.index <= 0}>Previous</button>
          <button type="button" className="panel-button" onClick={() => choose((maps?.index ?? 0) + 1)} disabled={!maps || maps.index >= count - 1}>Next</button>
        </div>
        </>
      }
      table={<DataTable caption="Each layer's activations on the chosen image" rowHeader="Layer" columns={[{ header: 'Unit' }, { header: 'Shape' }, { header: 'Mean' }, { header: 'Max |a|' }, { header: 'Fraction ≤ 0' }]} rows={rows} />}
    >
      {!maps || !state || !dataset ? <p className="chart-placeholder">Waiting for the run…</p> : (
        <>
          <div className="inspect-image">
            <TensorCanvas data={dataset.testInputs} offset={maps.index * dataset.inputWidth} h={side} w={side} scale={Math.max(2, Math.floor(84 / side))} mode="sequential" max={dataset.pixelMax ?? 1} label={`Test image ${maps.index}, a ${className(maps.label)}`} />
            <p data-testid="inspect-prediction">
              Image {maps.index}: true class <strong>{className(maps.label)}</strong>, predicted <strong>{className(maps.prediction)}</strong>
              {' '}({(100 * maps.probs[maps.prediction]).toFixed(1)}%){maps.label === maps.prediction ? ' ✓' : ' ✗'}
            </p>
          </div>
          <ol className="map-layers">
            {maps.layers.map((layer, l) => (
              <li key={l} className={unit === l ? 'map-layer selected' : 'map-layer'}>
                <button type="button" className="map-layer-name" aria-pressed={unit === l} onClick={() => select(unit === l ? null : l)}>
                  {l + 1}. {state.units[l]?.name} <span className="kind">{layer.shape.join('×')}</span>
                </button>
                <LayerMaps layer={layer} name={`layer ${l + 1}`} />
              </li>
            ))}
          </ol>
        </>
      )}
    </PanelFrame>
  );
}

function LayerMaps({ layer, name }: { layer: PackedTensor; name: string }) {
  const max = maxAbs(layer.data);
  if (layer.shape.length !== 3) {
    return <TensorCanvas data={layer.data} offset={0} h={1} w={layer.data.length} scale={Math.max(2, Math.min(8, Math.floor(320 / layer.data.length)))} mode="sequential" max={max} label={`${name}: ${layer.data.length} activations`} />;
  }
  const [c, h, w] = layer.shape;
  const scale = Math.max(1, Math.min(6, Math.floor(48 / Math.max(h, w))));
  return (
    <div className="map-grid">
      {Array.from({ length: Math.min(c, MAX_CHANNELS) }, (_, ch) => (
        <TensorCanvas key={ch} data={layer.data} offset={ch * h * w} h={h} w={w} scale={scale} mode="sequential" max={max} label={`${name}, channel ${ch + 1}`} />
      ))}
      {c > MAX_CHANNELS && <span className="map-more">+{c - MAX_CHANNELS} channels</span>}
    </div>
  );
}

function mean(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : NaN;
}

function zeroFraction(a: Float32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] <= 0) n++;
  return a.length ? n / a.length : NaN;
}
