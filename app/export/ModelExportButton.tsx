import { useState } from 'react';
import { useLab } from '../store/LabContext.tsx';
import { saveBlob } from './files.ts';

/** "Model JSON": the weights (and, before training, the probe's batch) for NumPy or PyTorch. */
export function ModelExportButton() {
  const config = useLab((s) => s.config);
  const step = useLab((s) => (s.config.data === 'none' ? 0 : s.train?.metrics.step ?? 0));
  const running = useLab((s) => s.trainStatus === 'running');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const exportNow = () => {
    setBusy(true);
    setSaid('');
    const worker = new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'layerscope-export' });
    const done = (text: string) => {
      worker.terminate();
      setBusy(false);
      setSaid(text);
    };
    worker.onmessage = (e: MessageEvent<{ ok: boolean; json?: string; message?: string }>) => {
      if (e.data.ok && e.data.json) {
        saveBlob(new Blob([e.data.json], { type: 'application/json' }), config.data === 'none' ? 'layerscope-probe.json' : `layerscope-model-step-${step}.json`);
        done('Model saved.');
      } else done(`Could not export: ${e.data.message ?? 'unknown error'}`);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      done(`Could not export: ${e.message || 'the export worker failed'}`);
    };
    worker.postMessage({ config, step, digitsUrl: new URL('digits.bin', document.baseURI).href });
  };
  return (
    <span className="model-export">
      <button type="button" className="button quiet" onClick={exportNow} disabled={busy || running}
        title={config.data === 'none' ? 'The probe’s input, weights, biases and statistics, as the CLI’s --export writes them' : 'The trained weights at this step (pause first), for NumPy or PyTorch'}>
        {busy ? 'Exporting…' : 'Model JSON'}
      </button>
      <span className="hint" role="status" aria-live="polite">{said}</span>
    </span>
  );
}
