/** The convolution lab's own panels (the loss, accuracy and test-image panels are the training lab's). */
import './conv.css';

export { NetworkPanel } from './NetworkPanel.tsx';
export { FiltersPanel } from './FiltersPanel.tsx';
export { FeatureMapsPanel } from './FeatureMapsPanel.tsx';
export { ConvSignalPanels } from './ConvSignalPanels.tsx';
export { ConvNormPanel } from './ConvNormPanel.tsx';
export { StreamPanel } from './StreamPanel.tsx';
