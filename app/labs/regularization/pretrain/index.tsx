/**
 * Greedy layer-wise pretraining's panels: its settings, its progress layer by layer, the
 * reconstructions (image data), and the per-layer signal and gradient before and after it.
 * Shown for configs where some run pretrains (see registry.ts); the settings move to the sidebar
 * once the Regularization lab's shell has a control group for them.
 */
import { useLab } from '../../../store/LabContext.tsx';
import { BeforeAfterPanel } from './BeforeAfterPanel.tsx';
import { PretrainFields } from './PretrainFields.tsx';
import { PretrainProgressPanel } from './PretrainProgressPanel.tsx';
import { ReconstructionPanel } from './ReconstructionPanel.tsx';
import './pretrain.css';

export { PretrainFields } from './PretrainFields.tsx';

export function PretrainPanels() {
  const training = useLab((s) => s.trainStatus !== 'off');
  return (
    <>
      <section className="lab-panel pretrain-settings" aria-label="Pretraining settings">
        <form onSubmit={(e) => e.preventDefault()}><PretrainFields /></form>
      </section>
      {training && <PretrainProgressPanel />}
      {training && <ReconstructionPanel />}
      {training && <BeforeAfterPanel />}
    </>
  );
}
