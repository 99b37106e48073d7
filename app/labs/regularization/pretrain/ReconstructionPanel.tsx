/** Test images and what the pretrained stack gives back: encoded up to the layer last trained, decoded down through every decoder below it. */
import { memo, useLayoutEffect, useRef } from 'react';
import { PanelFrame } from '../../../charts/PanelFrame.tsx';
import { DataTable } from '../../../charts/DataTable.tsx';
import { useLab } from '../../../store/LabContext.tsx';
import { reconstructionError } from './reconstructionRows.ts';
import { usePretrainRun } from './usePretrainRun.ts';

const CELL = 56;

export function ReconstructionPanel() {
  const { run } = usePretrainRun();
  const dataset = useLab((s) => s.dataset);
  const rec = run?.pretrain?.view.reconstructions ?? null;
  if (!dataset?.imageShape) return null;
  const [, h, w] = dataset.imageShape, max = dataset.pixelMax ?? 1;
  const errors = rec ? reconstructionError(rec, h * w) : [];
  const through = rec ? (rec.layer === 0 ? 'layer 1’s code, decoded by its decoder' : `layer ${rec.layer + 1}’s code, decoded down through the decoders of layers ${rec.layer + 1} to 1`) : '';
  return (
    <PanelFrame
      id="pretrain-reconstructions"
      title="Reconstructions"
      hint={rec ? `Top: test images. Bottom: ${through}. Test images are never trained on; the root-mean-square pixel error is in the table.` : 'Test images and their reconstructions appear with the first pretraining step.'}
      table={
        <DataTable caption="Root-mean-square error of each reconstruction, in pixel values" rowHeader="Image"
          columns={[{ header: 'RMS error' }]} rows={errors.map((e, i) => ({ key: i, header: String(i + 1), cells: [e.toFixed(2)] }))} />
      }
    >
      {rec ? (
        <div className="reconstructions" role="group" aria-label={`${rec.count} test images above their reconstructions from ${through}`}>
          {[rec.inputs, rec.decoded].map((images, row) => (
            <div key={row} className="reconstruction-row">
              <span className="reconstruction-label">{row === 0 ? 'input' : `layer ${rec.layer + 1}`}</span>
              {Array.from({ length: rec.count }, (_, i) => (
                <PixelImage key={i} images={images} index={i} height={h} width={w} max={max} label={`${row === 0 ? 'Test image' : 'Reconstruction'} ${i + 1}`} />
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
