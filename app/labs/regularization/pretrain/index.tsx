/**
 * Greedy layer-wise pretraining's panels: its progress layer by layer, the reconstructions (image
 * data), and the per-layer signal and gradient before and after it. Shown in the Regularization
 * lab for configs where some run pretrains (panels.ts); the settings are in its sidebar (fieldsets.ts).
 */
import { useLab } from '../../../store/LabContext.tsx';
import { BeforeAfterPanel } from './BeforeAfterPanel.tsx';
import { PretrainProgressPanel } from './PretrainProgressPanel.tsx';
import { ReconstructionPanel } from './ReconstructionPanel.tsx';
import './pretrain.css';

export function PretrainPanels() {
  const training = useLab((s) => s.trainStatus !== 'off');
  return (
    <>
      {training && <PretrainProgressPanel />}
      {training && <ReconstructionPanel />}
      {training && <BeforeAfterPanel />}
    </>
  );
}
