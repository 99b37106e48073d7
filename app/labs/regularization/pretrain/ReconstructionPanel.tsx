/** Test images and what the pretrained stack gives back: encoded up to the layer last trained, decoded down through every decoder below it. */
import { memo, useLayoutEffect, useRef } from 'react';
import { PanelFrame } from '../../../charts/PanelFrame.tsx';
import { DataTable } from '../../../charts/DataTable.tsx';
import { useLab } from '../../../store/LabContext.tsx';
import { reconstructionErrors, throughText } from './reconstructionRows.ts';
import { usePretrainRun } from './usePretrainRun.ts';

const CELL = 56;

export function ReconstructionPanel() {
  const { run } = usePretrainRun();
  const dataset = useLab((s) => s.dataset);
  const rec = run?.pretrain?.view.reconstructions ?? null;
  if (!dataset?.imageShape) return null;
  const [, h, w] = dataset.imageShape, max = dataset.pixelMax ?? 1;
  const errors = rec ? reconstructionErrors(rec, h * w) : [];
  const size = rec ? rec.count * h * w : 0;
  return (
    <PanelFrame
      id="pretrain-reconstructions"
      title="Reconstructions"
      hint={rec ? 'Top: test images (never trained on). Below, for each layer pretrained so far: its code of the image, decoded down through its own decoder and those of every layer below it. The root-mean-square pixel error is in the table.' : 'Test images and their reconstructions appear with the first pretraining step.'}
      table={
        <DataTable caption="Root-mean-square error of each reconstruction, in pixel values, by the layer whose code was decoded" rowHeader="Image"
          columns={errors.map((e) => ({ header: `from ${throughText(e.layer)}` }))}
          rows={Array.from({ length: rec?.count ?? 0 }, (_, i) => ({ key: i, header: String(i + 1), cells: errors.map((e) => e.errors[i].toFixed(2)) }))} />
      }
    >
      {rec ? (
        <div className="reconstructions" role="group" aria-label={`${rec.count} test images above their reconstructions from ${throughText(rec.layer + 1)}`}>
          {[rec.inputs, ...errors.map((e) => rec.decoded.subarray((e.layer - 1) * size, e.layer * size))].map((images, row) => (
            <div key={row} className="reconstruction-row">
              <span className="reconstruction-label">{row === 0 ? 'input' : `from ${throughText(row)}`}</span>
              {Array.from({ length: rec.count }, (_, i) => (
                <PixelImage key={i} images={images} index={i} height={h} width={w} max={max}
                  label={row === 0 ? `Test image ${i + 1}` : `Reconstruction ${i + 1} from layer ${row}`} />
              ))}
            </div>
          ))}
        </div>
      ) : <p className="chart-placeholder">Press Play or Step to start pretraining.</p>}
    </PanelFrame>
  );
}

const PixelImage = memo(function PixelImage({ images, index, height, width, max, label }: { images: Float32Array; index: number; height: number; width: number; max: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(width, height), n = width * height;
    for (let p = 0; p < n; p++) {
      // Ink dark on paper light; a reconstruction outside the pixel range is clipped for display.
      const v = 255 - Math.round(255 * Math.max(0, Math.min(1, images[index * n + p] / max)));
      image.data.set([v, v, v, 255], p * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [images, index, height, width, max]);
  return <canvas ref={ref} width={width} height={height} className="reconstruction-image" role="img" aria-label={label} style={{ width: CELL, height: CELL }} />;
});
