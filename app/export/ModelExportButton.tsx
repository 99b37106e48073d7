import { useState } from 'react';
import { useEngineControls, useLab } from '../store/LabContext.tsx';
import { saveBlob } from './files.ts';

/** "Model JSON": the weights (and, before training, the probe's batch) for NumPy or PyTorch. */
export function ModelExportButton() {
  const config = useLab((s) => s.config);
  const step = useLab((s) => (s.config.data === 'none' ? 0 : s.train?.metrics.step ?? 0));
  const running = useLab((s) => s.trainStatus === 'running');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const engine = useEngineControls();
  const exportNow = () => {
    setBusy(true);
    setSaid('');
    // Built in the engine's worker (a big probe or a long replay never freezes the tab).
    engine.exportModel(config, step).then(
      (json) => {
        saveBlob(new Blob([json], { type: 'application/json' }), config.data === 'none' ? 'layerscope-probe.json' : `layerscope-model-step-${step}.json`);
        setSaid('Model saved.');
      },
      (error: unknown) => setSaid(`Could not export: ${error instanceof Error ? error.message : String(error)}`),
    ).finally(() => setBusy(false));
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
