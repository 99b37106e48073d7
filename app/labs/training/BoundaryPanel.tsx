import { useMemo } from 'react';
import type { BoundaryGrid } from '../../../engine/contract/trainLayout.ts';
import { BOUNDARY_EXTENT } from '../../../engine/contract/trainLayout.ts';
import type { DatasetView } from '../../../engine/contract/trainLayout.ts';
import { BOUNDARY_MARGIN, BoundaryChart, CLASS_SHAPES } from '../../charts/BoundaryChart.tsx';
import { classAreas } from '../../charts/boundaryPixels.ts';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { DataTable, type DataTableProps, type TableColumn } from '../../charts/DataTable.tsx';
import { seriesColor, SURFACE } from '../../charts/chartColors.ts';
import { Marker } from '../../charts/Marker.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { percent, summarizePredictions, type PredictionSummary } from './predictions.ts';
import { numberCell } from './cells.ts';
import { usePalette } from './usePalette.ts';
import { runHeading } from './runLabel.ts';

const TABLE_ID = 'decision-boundary';
const GAP = 24;

interface RunData {
  readonly key: string;
  readonly title: string;
  readonly grid: BoundaryGrid | null;
  readonly summary: PredictionSummary | null;
}

/** Room a single plot leaves beside it for the key and the accuracy, px. */
const ASIDE = 220;

/** Side of each plot square for a chart box `width` px wide holding `runs` plots side by side. */
function plotSize(width: number, runs: number): number {
  const each = runs > 1 ? (width - GAP * (runs - 1)) / runs : width - (width >= 700 ? ASIDE + GAP : 0);
  return Math.max(160, Math.min(440, Math.floor(each - BOUNDARY_MARGIN.left - BOUNDARY_MARGIN.right)));
}

/** The decision boundary of a 2D data set, beside the variant's when there is one. */
export function BoundaryPanel({ dataset }: { dataset: DatasetView }) {
  const grid = useLab((s) => s.train?.boundary ?? null);
  const predictions = useLab((s) => s.train?.testPredictions ?? null);
  const variants = useLab((s) => s.trainVariants);
  const trainConfig = useLab((s) => s.trainConfig);
  const palette = usePalette();

  const train = useMemo(() => (dataset.trainInputs ? { inputs: dataset.trainInputs, labels: dataset.trainLabels } : null), [dataset]);
  const test = useMemo(() => ({ inputs: dataset.testInputs, labels: dataset.testLabels }), [dataset]);
  const summary = useMemo(() => (predictions ? summarizePredictions(dataset.testLabels, predictions, dataset.classes) : null), [dataset, predictions]);
  const variantRuns = useMemo(() => variants.map((v, i): RunData => ({
    key: `variant-${i + 1}`, title: runHeading(trainConfig, i + 1), grid: v.boundary,
    summary: v.testPredictions ? summarizePredictions(dataset.testLabels, v.testPredictions, dataset.classes) : null,
  })), [variants, trainConfig, dataset]);
  const runs: RunData[] = [{ key: 'primary', title: runHeading(trainConfig, 0), grid, summary }, ...variantRuns];
  const extent = grid?.extent ?? variants.find((v) => v.boundary)?.boundary?.extent ?? BOUNDARY_EXTENT;

  return (
    <PanelFrame
      id={TABLE_ID}
      section="lab-panel training-view"
      title="Decision boundary"
      hint={<>
        The network’s most likely class at each point of the plane, in evaluation mode; the stronger the tint, the more confident.
        Filled: training points. Hollow: test points.
      </>}
      table={<DataTable {...boundaryTable(dataset, runs)} />}
    >
      {runs.length > 1 && <ClassLegend classes={dataset.classes} />}
      <ChartBox
        height={(w) => plotSize(w, runs.length) + BOUNDARY_MARGIN.top + BOUNDARY_MARGIN.bottom + (runs.length > 1 ? 34 + 30 : 0)}
        placeholder={null}
      >
        {(width) => {
          const size = plotSize(width, runs.length);
          return (
            <div className="run-columns" style={{ gap: GAP }}>
              {runs.map((run) => (
                <div key={run.key} className="run-column">
                  {runs.length > 1 && <h3 className="run-title">{run.title}</h3>}
                  <BoundaryChart
                    size={size} grid={run.grid} extent={extent} train={train} test={test} palette={palette}
                    ariaLabel={describeBoundary(run, dataset)}
                  />
                  {runs.length > 1 && <RunAccuracy run={run} />}
                </div>
              ))}
              {runs.length === 1 && (
                <div className="boundary-aside">
                  <ClassLegend classes={dataset.classes} />
                  <RunAccuracy run={runs[0]} perClass />
                </div>
              )}
            </div>
          );
        }}
      </ChartBox>
    </PanelFrame>
  );
}

function describeBoundary(run: RunData, dataset: DatasetView): string {
  const who = run.key !== 'primary' ? `${run.title}. ` : '';
  const start = `${who}Decision boundary on the ${dataset.name} data: ${dataset.classes} classes, ${dataset.trainCount} training and ${dataset.testCount} test points.`;
  if (!run.grid) return `${start} Not computed yet.`;
  const areas = classAreas(run.grid);
  const shares = areas.map((a, c) => `class ${c} ${percent(a.share)}`).join(', ');
  return `${start} Share of the plane per predicted class: ${shares}.`
    + (run.summary ? ` Test accuracy ${percent(run.summary.accuracy)}.` : '');
}

/** The test accuracy in large type (and per class, beside a single plot). */
function RunAccuracy({ run, perClass = false }: { run: RunData; perClass?: boolean }) {
  const s = run.summary;
  if (!s) return <p className="run-accuracy">{run.grid ? 'Test accuracy: after the first evaluation' : 'Computing the boundary…'}</p>;
  return (
    <>
      <p className="run-accuracy">
        Test accuracy <strong>{percent(s.accuracy)}</strong>{perClass ? <br /> : ' '}
        <span className={perClass ? 'run-count' : undefined}>({s.correct} of {s.total} test points)</span>
      </p>
      {perClass && (
        <ul className="class-accuracy" aria-label="Test accuracy per class">
          {s.perClass.map((c) => <li key={c.cls}>class {c.cls}: {percent(c.accuracy)} of {c.count}</li>)}
        </ul>
      )}
    </>
  );
}

/** Which colour and shape is which class, and what hollow means. */
function ClassLegend({ classes }: { classes: number }) {
  return (
    <ul className="chart-legend" aria-label="Classes">
      {Array.from({ length: classes }, (_, c) => (
        <li key={c}>
          <svg width="20" height="20" aria-hidden="true">
            <Marker shape={CLASS_SHAPES[c % CLASS_SHAPES.length]} x={10} y={11} size={6} color={seriesColor(c)} filled halo={SURFACE} />
          </svg>
          class {c}
        </li>
      ))}
      <li>
        <svg width="20" height="20" aria-hidden="true">
          <Marker shape="circle" x={10} y={10} size={6} color="var(--text-muted, #4b5563)" filled={false} />
        </svg>
        hollow: test point
      </li>
    </ul>
  );
}

function boundaryTable(dataset: DatasetView, runs: readonly RunData[]): DataTableProps {
  const trainCounts = new Array<number>(dataset.classes).fill(0);
  for (const c of dataset.trainLabels) trainCounts[c]++;
  const testCounts = new Array<number>(dataset.classes).fill(0);
  for (const c of dataset.testLabels) testCounts[c]++;
  const many = runs.length > 1;
  const columns: TableColumn[] = [{ header: 'training points' }, { header: 'test points' }];
  for (const run of runs) {
    const group = many ? run.title : undefined;
    columns.push({ header: 'test accuracy', group }, { header: 'share of the plane', group }, { header: 'mean confidence there', group });
  }
  const areas = runs.map((r) => (r.grid ? classAreas(r.grid) : null));
  const rows = Array.from({ length: dataset.classes }, (_, c) => ({
    key: c,
    header: `class ${c}`,
    cells: [
      numberCell(trainCounts[c]), numberCell(testCounts[c]),
      ...runs.flatMap((run, i) => [
        run.summary ? percent(run.summary.perClass[c].accuracy) : null,
        areas[i] ? percent(areas[i]![c].share) : null,
        areas[i] ? percent(areas[i]![c].meanConfidence) : null,
      ]),
    ],
  }));
  rows.push({
    key: -1,
    header: 'all',
    cells: [
      numberCell(dataset.trainCount), numberCell(dataset.testCount),
      ...runs.flatMap((run) => [run.summary ? percent(run.summary.accuracy) : null, run.grid ? '100%' : null, null]),
    ],
  });
  return {
    caption: 'Decision boundary: per class, the points, the test accuracy, and the share of the plane the network gives that class',
    rowHeader: 'Class',
    columns,
    rows,
  };
}
