import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { MEASURED } from '../../charts/chartColors.ts';
import { ChoiceToggle, OptionCheckbox } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { useShownProbe } from '../../store/shownProbe.ts';
import { PLACEHOLDER } from '../../charts/placeholder.ts';
import { Histogram } from './Histogram.tsx';
import {
  describeBin, describeHistogram, evenlySpacedLayers, formatCount, fractionNotes, histogramTable, KIND_TEXT, layerHistogram,
  layerList, NARROW_SHARE, narrowLayers, sharedRange, type HistogramKind, type LayerHistogram, type RangeMode, type XRange,
} from './histograms.ts';
import { formatNumber } from '../../format/number.ts';
import '../../charts/panels.css';

const PANEL_ID = 'distributions';
/** Small multiples shown unless "all layers" is ticked: enough to see the trend, few enough to read. */
const SUBSET = 10;
const MIN_CELL = 190; // px
const NARROW_PERCENT = NARROW_SHARE * 100;
const GAP = 12; // px, as in panels.css
const CELL_HEIGHT = 104; // px of svg under each multiple's heading

const KINDS = [
  { value: 'act', label: 'activations φ(h)' },
  { value: 'pre', label: 'pre-activations h' },
] as const satisfies readonly { value: HistogramKind; label: string }[];

const RANGES = [
  { value: 'shared', label: 'shared by all layers' },
  { value: 'own', label: 'each layer’s own' },
] as const satisfies readonly { value: RangeMode; label: string }[];

/** (c) Distributions: each layer's histogram, as in Glorot & Bengio (2010), Figure 6. */
export function DistributionsPanel() {
  // Deferred: while a slider moves, the signal chart updates first and this panel when React has time.
  const { probe, stale } = useDeferredValue(useShownProbe());
  const status = useLab((s) => s.status);
  const act = useLab((s) => s.probeConfig?.act ?? s.config.act);
  // How this one panel is shown; not shared, so local rather than in the store.
  const [kind, setKind] = useState<HistogramKind>('act');
  const [showAll, setShowAll] = useState(false);
  // Shared by default: ten histograms on their own ranges look alike while the spread shrinks from ±1 to ±0.76.
  const [rangeMode, setRangeMode] = useState<RangeMode>('shared');
  const [active, setActive] = useState<{ layer: number; bin: number } | null>(null);
  const [focused, setFocused] = useState(false); // announce bins only to someone stepping through them by keyboard
  const readoutId = useId();

  const histograms = useMemo(
    () => (probe ? Array.from({ length: probe.depth }, (_, l) => layerHistogram(probe, l, kind)) : []),
    [probe, kind],
  );
  const depth = histograms.length;
  const shown = showAll ? histograms : evenlySpacedLayers(depth, SUBSET).map((l) => histograms[l]);
  const table = useMemo(() => histogramTable(histograms), [histograms]);
  const range = useMemo(() => (rangeMode === 'shared' ? sharedRange(histograms) : null), [histograms, rangeMode]);
  const narrow = narrowLayers(shown, range);
  const activeHistogram = active ? histograms[active.layer - 1] : undefined;
  const onActive = useCallback((layer: number, bin: number | null) => {
    // Leaving one multiple must not clear the bin another one just took.
    setActive((now) => (bin !== null ? { layer, bin } : now?.layer === layer ? null : now));
  }, []);
  const { noun, symbol } = KIND_TEXT[kind];
  const fractionHint = act === 'tanh' || act === 'sigmoid'
    ? ' Saturated: the share of activations within 0.01 of an asymptote, where the gradient nearly vanishes.'
    : act === 'relu' || act === 'leaky_relu'
      ? ' Dead: the share of units whose pre-activation is ≤ 0 on every example of the batch.'
      : '';

  return (
    <PanelFrame
      id={PANEL_ID}
      section="lab-panel wide"
      title="Distributions"
      busy={stale}
      hint={<>
        Each layer’s histogram of {noun} {symbol} over the batch, as in Glorot &amp; Bengio (2010), Figure 6.
        {rangeMode === 'shared'
          ? ' Every layer on one x range (its ends written under each), so a spread that shrinks or grows with depth shows as narrower or wider bars; the ticks on the baseline mark each layer’s own range. “Each layer’s own” stretches every histogram across its width, to compare shapes.'
          : ' Each layer on its own range (written under it), to compare shapes: the spreads are in the numbers, not in the widths. “Shared by all layers” puts them on one axis.'}
        {' '}Bar heights: each layer’s tallest bar fills its height.{fractionHint}
      </>}
      controls={
        <>
          <ChoiceToggle legend="Histogram of" choices={KINDS} value={kind} onChange={setKind} />
          <ChoiceToggle legend="x range" choices={RANGES} value={rangeMode} onChange={setRangeMode} />
          {depth > SUBSET && <OptionCheckbox label={`all ${depth} layers`} checked={showAll} onChange={setShowAll} />}
        </>
      }
      table={
        <DataTable
          caption={`Distributions: the ${noun} of every layer, summarized, with the histogram counts`}
          rowHeader="Layer"
          columns={table.columns}
          rows={table.rows}
        />
      }
    >
      {depth > SUBSET && !showAll && (
        <p className="panel-status">{shown.length} of {depth} layers, evenly spaced from the first to the last.</p>
      )}
      {range && narrow.length > 0 && (
        <p className="panel-status">
          {layerList(narrow)} {narrow.length === 1 ? 'spans' : 'span'} under {Math.round(NARROW_PERCENT)}% of the shared range
          ({formatNumber(range.min, 3)} to {formatNumber(range.max, 3)}): choose “each layer’s own” to see {narrow.length === 1 ? 'its shape' : 'their shapes'}.
        </p>
      )}
      <ChartBox height={() => 2 * (CELL_HEIGHT + 56)} placeholder={depth > 0 ? null : PLACEHOLDER[status]}>
        {(width) => {
          const perRow = Math.max(1, Math.min(shown.length, Math.floor((width + GAP) / (MIN_CELL + GAP))));
          const rows = Math.ceil(shown.length / perRow);
          const columns = Math.ceil(shown.length / rows);
          const cellWidth = Math.floor((width - GAP * (columns - 1)) / columns);
          return (
            <ul onFocus={() => setFocused(true)} onBlur={() => setFocused(false)} className={`small-multiples${showAll && depth > 30 ? ' scroll' : ''}`} style={{ gridTemplateColumns: `repeat(${columns}, ${cellWidth}px)`, opacity: stale ? 0.45 : 1 }} aria-label={`Histograms of ${noun}, ${shown.length} of ${depth} layers`}>
              {shown.map((h) => (
                <Multiple
                  key={h.layer} h={h} kind={kind} width={cellWidth} readoutId={readoutId} xRange={range}
                  activeBin={active?.layer === h.layer ? active.bin : null} onActive={onActive}
                />
              ))}
            </ul>
          );
        }}
      </ChartBox>
      <p id={readoutId} className="chart-readout" aria-live={focused ? 'polite' : 'off'}>
        {active && activeHistogram
          ? describeBin(activeHistogram, active.bin, kind)
          : <span className="muted">Hover over a histogram, or focus one and press ← →, to read each bar.</span>}
      </p>
    </PanelFrame>
  );
}

interface MultipleProps {
  readonly h: LayerHistogram;
  readonly kind: HistogramKind;
  readonly width: number;
  readonly readoutId: string;
  readonly activeBin: number | null;
  readonly onActive: (layer: number, bin: number | null) => void;
  readonly xRange: XRange | null;
}

const Multiple = memo(function Multiple({ h, kind, width, readoutId, activeBin, onActive, xRange }: MultipleProps) {
  const notes = fractionNotes(h);
  const onActiveBin = useCallback((bin: number | null) => onActive(h.layer, bin), [onActive, h.layer]);
  return (
    <li className="multiple">
      <div className="multiple-head">
        <span className="multiple-title">Layer {h.layer}</span>
        {notes.map((n) => <span key={n} className="multiple-note">{n}</span>)}
      </div>
      <Histogram
        histogram={h} width={width} height={CELL_HEIGHT} color={MEASURED} ariaLabel={describeHistogram(h, kind)}
        activeBin={activeBin} onActiveBin={onActiveBin} describedBy={readoutId} xRange={xRange}
      />
      {h.nonFinite > 0 && <div className="multiple-range">{formatCount(h.nonFinite)} values overflowed</div>}
    </li>
  );
});
