/**
 * Residual connections and auxiliary classifiers: the residual lab's panels, shown (see
 * registry.ts) when showsResidualPanels(config), i.e. the config or one of its `vs` variants has
 * residual=1 or an auxiliary head. Reading order: gradient flow at every layer, the block Jacobian that explains
 * it, the stream's forward variance, then training (degradation, auxiliary losses).
 */
import { useLab } from '../../store/LabContext.tsx';
import { BlockJacobianPanel, GradientNormPanel, StreamVariancePanel } from './LayerPanels.tsx';
import { hasAuxHeads, isResidual, runConfigs } from './runs.ts';
import { AuxLossPanel, DegradationPanel } from './StepPanels.tsx';

export { showsResidualPanels } from './runs.ts';

export function ResidualPanels() {
  const residual = useLab((s) => runConfigs(s.config).some(isResidual));
  const aux = useLab((s) => runConfigs(s.config).some(hasAuxHeads));
  const training = useLab((s) => s.config.data !== 'none');
  return (
    <>
      <GradientNormPanel />
      {residual && <BlockJacobianPanel />}
      {residual && <StreamVariancePanel />}
      {training && residual && <DegradationPanel />}
      {training && aux && <AuxLossPanel />}
    </>
  );
}
