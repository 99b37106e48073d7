import { useMemo, useState } from 'react';
import type { DatasetView } from '../../../engine/contract/trainLayout.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable, type DataTableProps } from '../../charts/DataTable.tsx';
import { tableData } from '../../export/chartData.ts';
import { DigitGrid } from '../../charts/DigitGrid.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { commonestMistake, percent, summarizePredictions, type PredictionSummary } from './predictions.ts';
import { digitIndices, type Show } from './digitIndices.ts';
import { numberCell } from './cells.ts';
import { usePalette } from './usePalette.ts';
import { runHeading } from './runLabel.ts';

const TABLE_ID = 'test-digits';

interface RunData {
  readonly key: string;
  readonly title: string;
  readonly predictions: Int32Array | null;
  readonly summary: PredictionSummary | null;
}

/** A grid of test digits with the network's predictions (and the variant's beside them), and the confusion matrix as the table. */
export function DigitsPanel({ dataset }: { dataset: DatasetView }) {
  const predictions = useLab((s) => s.train?.testPredictions ?? null);
  const variants = useLab((s) => s.trainVariants);
  const trainConfig = useLab((s) => s.trainConfig);
  const [show, setShow] = useState<Show>('first');
  const palette = usePalette();

  const summary = useMemo(() => (predictions ? summarizePredictions(dataset.testLabels, predictions, dataset.classes) : null), [dataset, predictions]);
  const variantRuns = useMemo(() => variants.map((v, i): RunData => ({
    key: `variant-${i + 1}`, title: runHeading(trainConfig, i + 1), predictions: v.testPredictions,
    summary: v.testPredictions ? summarizePredictions(dataset.testLabels, v.testPredictions, dataset.classes) : null,
  })), [variants, trainConfig, dataset]);
  const runs: RunData[] = [{ key: 'primary', title: runHeading(trainConfig, 0), predictions, summary }, ...variantRuns];
  const count = runs.length > 1 ? 28 : 48;
  const cellSize = runs.length > 1 ? 44 : 56;
  const side = dataset.imageShape?.[2] ?? 8;
  const classNames = DATASETS[dataset.name].classNames;

  return (
    <PanelFrame
      id={TABLE_ID}
      section="lab-panel training-view"
      title="Test digits and predictions"
      hint={<>
        Held-out {side}×{side} images (raw pixels; the network sees them standardized), with its prediction under each: ✓ right,
        ✗ wrong with the true class beside it. Predictions update at each evaluation of the test set.
        {classNames && <> Classes: {classNames.map((n, c) => `${c} ${n}`).join(', ')}.</>}
      </>}
      controls={
        <ChoiceToggle<Show>
          legend="Show"
          choices={[{ value: 'first', label: `first ${count}` }, { value: 'wrong', label: 'mistakes only' }]}
          value={show}
          onChange={setShow}
        />
      }
      table={runs.map((run) => {
        const props = confusionTable(run, runs.length > 1, dataset.classes);
        return props ? <DataTable key={run.key} {...props} /> : <p key={run.key} className="panel-status">No predictions yet.</p>;
      })}
      data={summary ? () => tableData(confusionTable(runs[0], false, dataset.classes)!) : undefined}
    >
      <div className="run-columns">
        {runs.map((run) => {
          const indices = digitIndices(dataset.testLabels, run.predictions, show, count);
          return (
            <div key={run.key} className="run-column">
              {runs.length > 1 && <h3 className="run-title">{run.title}</h3>}
              <p className="run-accuracy">
                {run.summary
                  ? <>Test accuracy <strong>{percent(run.summary.accuracy)}</strong>: {run.summary.correct} of {run.summary.total} test digits right</>
                  : 'No predictions yet: they appear after the first evaluation.'}
              </p>
              {indices.length > 0 ? (
                <DigitGrid
                  images={dataset.testInputs} side={side} maxPixel={dataset.pixelMax ?? undefined} classNames={classNames} labels={dataset.testLabels} predictions={run.predictions} indices={indices}
                  cellSize={cellSize} ink={palette.text} paper={palette.surface}
                  label={`${runs.length > 1 ? `${run.title}: ` : ''}${show === 'first' ? `the first ${indices.length} test digits` : `${indices.length} test digits the network gets wrong`}`}
                />
              ) : (
                <p className="chart-placeholder digits-empty">
                  {run.predictions ? `No mistakes among the ${run.summary?.total ?? 0} test digits.` : 'No predictions yet.'}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </PanelFrame>
  );
}

function confusionTable(run: RunData, many: boolean, classes: number): DataTableProps | null {
  const s = run.summary;
  const caption = `${many ? `${run.title}: c` : 'C'}onfusion matrix of the test digits: rows are the true digit, columns the prediction`;
  if (!s) return null;
  const columns = [
    ...Array.from({ length: classes }, (_, p) => ({ header: String(p), group: 'predicted' })),
    { header: 'test digits' }, { header: 'accuracy' }, { header: 'most often taken for' },
  ];
  const rows = s.perClass.map((c) => {
    const mistake = commonestMistake(s, c.cls);
    return {
      key: c.cls,
      header: `true ${c.cls}`,
      cells: [
        ...Array.from({ length: classes }, (_, p) => numberCell(s.confusion[c.cls * classes + p])),
        numberCell(c.count), percent(c.accuracy), mistake ? `${mistake.predicted} (${mistake.count}×)` : '—',
      ],
    };
  });
  rows.push({ key: -1, header: 'all', cells: [...Array.from({ length: classes }, () => ''), numberCell(s.total), percent(s.accuracy), ''] });
  return { caption, rowHeader: 'True digit', columns, rows };
}
