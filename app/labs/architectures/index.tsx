import { ArchTablePanel } from './ArchTablePanel.tsx';
import { BlocksPanel } from './BlocksPanel.tsx';
import { ConvArithmeticPanel } from './ConvArithmeticPanel.tsx';
import { ReceptiveFieldPanel } from './ReceptiveFieldPanel.tsx';
import './architectures.css';

/** The architecture explorer: conv arithmetic, the architecture table, the block comparisons, receptive fields. */
export function ArchitecturePanels() {
  return (
    <div className="architectures">
      <ConvArithmeticPanel />
      <ArchTablePanel />
      <BlocksPanel />
      <ReceptiveFieldPanel />
    </div>
  );
}
