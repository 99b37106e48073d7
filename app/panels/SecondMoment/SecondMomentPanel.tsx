/**
 * Temporary: App.tsx still renders <SecondMomentPanel />, the lab's first panel, which grew into
 * app/panels/SignalByLayer and four more panels. Until App.tsx renders <LabPanels /> itself, this
 * name stands for all of them. Delete this folder when App.tsx no longer imports it.
 */
export { LabPanels as SecondMomentPanel } from '../LabPanels.tsx';
