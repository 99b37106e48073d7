import { useId, useMemo, useState } from 'react';
import { toQuery } from '../../../engine/contract/config.ts';
import { useLab } from '../../store/LabContext.tsx';
import { joinQueries, PANEL_IDS, type PanelId } from '../../url/viewQuery.ts';
import { impliedLab, labOf, panelLabel } from '../../labs/registry.ts';

/** The share menu's names; a panel missing here is named by its definition's label (registry.ts). */
export const PANEL_LABELS: Readonly<Partial<Record<PanelId, string>>> = {
  training: 'Training controls',
  curves: 'Loss and accuracy',
  data: 'Decision boundary / digits',
  layers: 'Layers over time',
  signal: 'Signal by layer',
  formula: 'Variance formula',
  comparison: 'Initializers compared',
  gradient: 'Gradient flow',
  chaos: 'Edge of chaos',
  correlation: 'Correlation by layer',
  residual: 'Residual connections',
  distributions: 'Distributions',
  bnstats: 'Batch statistics',
  bn: 'Batch norm over training',
  architectures: 'Architecture explorer',
  convnet: 'CNN drawing and spec sheet',
  filters: 'First-layer filters',
  featuremaps: 'Feature maps',
  convsignal: 'CNN signal and gradient by layer',
  convbn: 'Batch norm per channel',
  stream: 'Residual stream',
};
const labelOf = (p: PanelId) => PANEL_LABELS[p] ?? panelLabel(p);

/** The page's address without its query: where links and embeds point. */
function baseHref(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no permission (an iframe, an old browser): the text stays selected in its field
  }
}

/**
 * Share: the link to this exact experiment (defaults left out, so it stays short), and the code to
 * embed chosen panels in a slide or a course page (embed=1&panels=...: no chrome, sized to the frame).
 */
export function SharePanel() {
  const config = useLab((s) => s.config);
  const view = useLab((s) => s.view);
  const [panels, setPanels] = useState<readonly PanelId[]>(['signal']);
  const [said, setSaid] = useState('');
  const linkId = useId();
  const embedId = useId();
  const link = useMemo(() => {
    const q = joinQueries(toQuery(config), { ...view, embed: false, panels: [] });
    return `${baseHref()}${q ? `?${q}` : ''}`;
  }, [config, view]);
  const embed = useMemo(() => {
    const q = joinQueries(toQuery(config), { present: false, embed: true, panels, hide: [], lab: view.lab, ...(view.explore ? { explore: view.explore } : {}) });
    const src = `${baseHref()}?${q}`.replaceAll('&', '&amp;');
    const title = panels.map(labelOf).join(', ') || 'every panel';
    return `<iframe src="${src}" title="Layerscope: ${title}" width="960" height="600" style="border:0" loading="lazy" allowfullscreen></iframe>`;
  }, [config, panels, view.lab]);
  const copy = (text: string, what: string, fieldId: string) => {
    void copyText(text).then((ok) => {
      if (!ok) (document.getElementById(fieldId) as HTMLInputElement | HTMLTextAreaElement | null)?.select();
      setSaid(ok ? `${what} copied.` : `Press Ctrl+C to copy the selected ${what.toLowerCase()}.`);
    });
  };
  const toggle = (p: PanelId) => setPanels((now) => (now.includes(p) ? now.filter((x) => x !== p) : PANEL_IDS.filter((x) => x === p || now.includes(x))));
  const available = useMemo(() => {
    const lab = labOf(view.lab ?? impliedLab(config)).panels.filter((p) => p.when?.(config) ?? true).map((p) => p.id as string);
    if (config.data !== 'none' && view.lab !== 'init') lab.push('training');
    return PANEL_IDS.filter((p) => lab.includes(p));
  }, [config, view.lab]);

  return (
    <details className="share">
      <summary className="button quiet">Share</summary>
      <div className="share-body">
        <label htmlFor={linkId}>Link to this experiment</label>
        <div className="share-row">
          <input id={linkId} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="button" onClick={() => copy(link, 'Link', linkId)}>Copy link</button>
        </div>
        <fieldset>
          <legend>Panels to embed</legend>
          <div className="share-panels">
            {available.map((p) => (
              <label key={p}><input type="checkbox" checked={panels.includes(p)} onChange={() => toggle(p)} /> {labelOf(p)}</label>
            ))}
          </div>
        </fieldset>
        <label htmlFor={embedId}>Embed code</label>
        <textarea id={embedId} readOnly rows={4} value={embed} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => copy(embed, 'Embed code', embedId)}>Copy embed code</button>
        <p className="hint" role="status" aria-live="polite">{said}</p>
      </div>
    </details>
  );
}
