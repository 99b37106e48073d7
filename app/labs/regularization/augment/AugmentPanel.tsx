/**
 * The augmented training batch: the first examples of the batch the network trained on at the
 * latest step, drawn after augmentation (and the plain or differently augmented batch of each A/B
 * run beside it), with the controls for each augmentation. The grid changes with every step.
 */
import { useMemo } from 'react';
import { DATASETS } from '../../../../engine/contract/datasets.ts';
import { describeAug } from '../../../../engine/contract/augment.ts';
import type { AugmentedBatchView } from '../../../../engine/contract/augmentLayout.ts';
import { PanelFrame } from '../../../charts/PanelFrame.tsx';
import { DataTable, type DataTableProps } from '../../../charts/DataTable.tsx';
import { useLab } from '../../../store/LabContext.tsx';
import { numberCell } from '../../training/cells.ts';
import { runHeading } from '../../training/runLabel.ts';
import { usePalette } from '../../training/usePalette.ts';
import { AugmentGrid } from './AugmentGrid.tsx';
import { BATCH_COLUMNS, batchCells, batchRows, mixLine } from './augmentCells.ts';
import '../../training/trainingViews.css';
import './augment.css';

const TABLE_ID = 'augmented-batch';

interface RunBatch { readonly key: string; readonly title: string; readonly view: AugmentedBatchView | null }

export function AugmentPanel() {
  const data = useLab((s) => s.config.data);
  const primary = useLab((s) => s.train?.augmented ?? null);
  const variants = useLab((s) => s.trainVariants);
  const trainConfig = useLab((s) => s.trainConfig);
  const palette = usePalette();
  const runs: RunBatch[] = useMemo(() => [
    { key: 'primary', title: runHeading(trainConfig, 0), view: primary },
    ...variants.map((v, i) => ({ key: `variant-${i + 1}`, title: runHeading(trainConfig, i + 1), view: v.augmented ?? null })),
  ], [primary, variants, trainConfig]);
  const image = data !== 'none' && DATASETS[data].inputShape.length === 3;
  const classNames = data !== 'none' ? DATASETS[data].classNames : undefined;
  const many = runs.length > 1;
  const cellSize = many ? 40 : 56;
  return (
    <PanelFrame
      id={TABLE_ID}
      section="lab-panel wide training-view"
      title="Augmented training batch"
      hint={<>
        The first examples of the batch the network trained on at the latest step, after augmentation, in raw pixels (the network sees
        them standardized). Augmentations are drawn afresh for every batch from the link’s seed, on their own random stream: the same
        link replays the same batches, and the test set is never augmented. With mixup each image is two, and so is its label.
      </>}
      table={runs.map((run) => (run.view ? <DataTable key={run.key} {...batchTable(run, many)} /> : <p key={run.key} className="panel-status">No batch yet.</p>))}
    >
      {!image ? (
        <p className="chart-placeholder">The augmented batch is drawn for the image sets: pick the 8×8 digits, MNIST or Fashion-MNIST.</p>
      ) : (
        <div className="run-columns">
          {runs.map((run) => (
            <div key={run.key} className="run-column">
              {many && <h3 className="run-title">{run.title}</h3>}
              <p className="run-accuracy augment-step" aria-live="off">
                {run.view ? <>Step <strong>{run.view.step}</strong>{many ? '' : `: ${describeAug(run.view.aug)}`}{mixLine(run.view) && `; ${mixLine(run.view)}`}</> : 'No batch yet: press Step or Play.'}
              </p>
              {run.view && (
                <AugmentGrid
                  pixels={run.view.pixels} height={run.view.shape[1]} width={run.view.shape[2]} pixelMax={run.view.pixelMax}
                  cells={batchCells(run.view, classNames)} cellSize={cellSize} ink={palette.text} paper={palette.surface}
                  label={`${many ? `${run.title}: ` : ''}the training batch at step ${run.view.step}, ${describeAug(run.view.aug)}`}
                />
              )}
            </div>
          ))}
        </div>
      )}
    </PanelFrame>
  );
}

function batchTable(run: RunBatch, many: boolean): DataTableProps {
  const view = run.view!;
  return {
    caption: `${many ? `${run.title}: t` : 'T'}he training batch at step ${view.step} (${describeAug(view.aug)}), pixel values 0..${view.pixelMax}`,
    rowHeader: 'Example',
    columns: BATCH_COLUMNS.slice(1).map((header) => ({ header })),
    rows: batchRows(view).map(([i, ...cells]) => ({
      key: i as number, header: String(i),
      cells: cells.map((c) => (typeof c === 'number' ? numberCell(c) : c)),
    })),
  };
}
