/**
 * How the page is shown, carried in the link beside the experiment: the open lab, presentation
 * mode, embeds and hidden controls. Kept apart from engine/config.ts on purpose: these keys never change a number,
 * so they must not restart a training run or enter the result fingerprint. Parsing never throws;
 * what it rejects it names, in the config's own problem format.
 */
import { CONFIG_KEYS, parseQuery, type ConfigKey, type ConfigProblem } from '../../engine/contract/config.ts';
import { EXPLORE_KEYS, formatExplore, parseExplore, type ExploreKey, type ExploreView } from '../labs/architectures/exploreView.ts';
import { CONTROL_GROUPS, impliedLab, LAB_IDS, PANEL_IDS, type ControlGroup, type LabId, type PanelId } from '../labs/registry.ts';

export { PANEL_IDS, type PanelId };

/** Config keys without a control of their own: the link's version and its A/B variants. */
type Uncontrolled = 'v' | 'vs';
const UNCONTROLLED: readonly ConfigKey[] = ['v', 'vs'] satisfies Uncontrolled[];

/**
 * What `hide=` can fold away: parts of the page, groups of controls, or one control by its config
 * key (as TensorFlow Playground's `_hide` keys do), so a lecturer can leave students one knob.
 */
export const HIDE_TARGETS = [
  'controls', 'presets', 'theme', 'status', 'summary', 'labs',
  ...CONTROL_GROUPS,
  ...CONFIG_KEYS.filter((k) => !UNCONTROLLED.includes(k)),
] as readonly HideTarget[];
export type HideTarget = 'controls' | 'presets' | 'theme' | 'status' | 'summary' | 'labs' | ControlGroup | Exclude<ConfigKey, Uncontrolled>;

export const VIEW_KEYS = ['present', 'embed', 'panels', 'hide', 'lab', 'slide', ...EXPLORE_KEYS] as const;

/** What `slide=` can name: a panel (the training bar is not one). */
export const SLIDE_IDS = PANEL_IDS.filter((id) => id !== 'training') as readonly Exclude<PanelId, 'training'>[];

export interface ViewParams {
  readonly present: boolean;
  readonly embed: boolean;
  /** Empty: every panel. */
  readonly panels: readonly PanelId[];
  readonly hide: readonly HideTarget[];
  /** The lab on screen; null: the one the experiment's keys imply (see impliedLab). */
  readonly lab: LabId | null;
  /** The architecture explorer's net, comparison, input size, open blocks, layer and convolution; absent when the link has none. */
  readonly explore?: ExploreView;
  /** The slide view: the one panel on screen; absent when the page is shown whole. */
  readonly slide?: Exclude<PanelId, 'training'>;
}

export const DEFAULT_VIEW: ViewParams = { present: false, embed: false, panels: [], hide: [], lab: null };

const MAX_SHOWN = 40;
const shorten = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function parseFlag(key: string, value: string, problems: ConfigProblem[]): boolean {
  if (value === '1' || value === '') return true;
  if (value === '0') return false;
  problems.push({ key, value: shorten(value), accepted: '1 or 0', used: '0', message: `${key}=${shorten(value)} is not 1 or 0; using 0` });
  return false;
}

/** What a list item must be, in words short enough for the notice: the first few allowed values when there are many. */
function allowedWords(key: string, allowed: readonly string[]): string {
  if (allowed.length <= 8) return `one of ${allowed.join(', ')}`;
  const some = `such as ${allowed.slice(0, 4).join(', ')}; ${allowed.length} in all`;
  return key === 'hide' ? `a part of the page, a group of controls or a control's key (${some})` : `a panel id (${some})`;
}

function parseList<T extends string>(key: string, value: string, allowed: readonly T[], problems: ConfigProblem[]): T[] {
  const out: T[] = [];
  for (const item of value.split(',').slice(0, 64)) {
    if (item === '') continue;
    if ((allowed as readonly string[]).includes(item)) {
      if (!out.includes(item as T)) out.push(item as T);
    } else {
      problems.push({ key, value: shorten(item), accepted: `a comma-separated list of ${allowed.join(', ')}`, used: 'ignored', message: `${key}: "${shorten(item)}" is not ${allowedWords(key, allowed)}; ignored` });
    }
  }
  return out;
}

function parseLab(value: string, problems: ConfigProblem[]): LabId | null {
  if ((LAB_IDS as readonly string[]).includes(value)) return value as LabId;
  problems.push({ key: 'lab', value: shorten(value), accepted: `one of ${LAB_IDS.join(', ')}`, used: 'the lab its keys imply', message: `lab=${shorten(value)} is not one of ${LAB_IDS.join(', ')}; opening the lab its keys imply` });
  return null;
}

/**
 * Split a link's query into the experiment's part (for engine/config.ts parseQuery) and the view.
 * The view keys are taken out wherever they stand; the rest is passed on untouched.
 */
export function splitViewQuery(search: string): { readonly configQuery: string; readonly view: ViewParams; readonly problems: readonly ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let present = false, embed = false;
  let panels: PanelId[] = [];
  let hide: HideTarget[] = [];
  let lab: LabId | null = null;
  let slide: Exclude<PanelId, 'training'> | null = null;
  const explore = new Map<ExploreKey, string>();
  const hash = search.indexOf('#');
  const text = (hash >= 0 ? search.slice(0, hash) : search).replace(/^\?/, '');
  const rest: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq >= 0 ? part.slice(0, eq) : part);
    if (key === null || !(VIEW_KEYS as readonly string[]).includes(key)) {
      rest.push(part);
      continue;
    }
    const raw = eq >= 0 ? part.slice(eq + 1) : '';
    // As for the experiment's keys: the first wins, and a repeat is named rather than silently taken or dropped.
    if (seen.has(key)) {
      problems.push({ key, value: shorten(raw), accepted: 'each key once', used: 'the first', message: `${key} is given more than once; using the first` });
      continue;
    }
    seen.add(key);
    const value = decode(raw);
    if (value === null) {
      problems.push({ key, value: shorten(raw), accepted: 'valid percent-encoding', used: 'ignored', message: `"${shorten(part)}" is not valid percent-encoding; ignored` });
      continue;
    }
    switch (key) {
      case 'present': present = parseFlag(key, value, problems); break;
      case 'embed': embed = parseFlag(key, value, problems); break;
      case 'panels': panels = parseList(key, value, PANEL_IDS, problems); break;
      case 'hide': hide = parseList(key, value, HIDE_TARGETS, problems); break;
      case 'lab': lab = parseLab(value, problems); break;
      case 'slide':
        if ((SLIDE_IDS as readonly string[]).includes(value)) slide = value as Exclude<PanelId, 'training'>;
        else problems.push({ key, value: shorten(value), accepted: `one of ${SLIDE_IDS.join(', ')}`, used: 'the whole page', message: `slide=${shorten(value)} is not ${allowedWords(key, SLIDE_IDS)}; showing the whole page` });
        break;
      default: explore.set(key as ExploreKey, value);
    }
  }
  const exploreView = parseExplore(explore, problems);
  return { configQuery: rest.join('&'), view: { present, embed, panels, hide, lab, ...(exploreView ? { explore: exploreView } : {}), ...(slide ? { slide } : {}) }, problems };
}

/**
 * The view's part of a link: '' when everything is at its default. `implied` is the lab the
 * experiment's keys open: `lab=` is written only for another one, so links stay as short as before.
 */
export function viewQuery(view: ViewParams, implied: LabId | null = null): string {
  const parts: string[] = [];
  if (view.lab !== null && view.lab !== implied) parts.push(`lab=${view.lab}`);
  if (view.present) parts.push('present=1');
  if (view.embed) parts.push('embed=1');
  if (view.panels.length > 0) parts.push(`panels=${view.panels.join(',')}`);
  if (view.hide.length > 0) parts.push(`hide=${view.hide.join(',')}`);
  if (view.slide) parts.push(`slide=${view.slide}`);
  parts.push(...formatExplore(view.explore));
  return parts.join('&');
}

/** Join the experiment's query and the view's into one link query ('' when both are empty). */
export function joinQueries(configQuery: string, view: ViewParams): string {
  const implied = view.lab === null ? null : impliedLab(parseQuery(configQuery).config);
  return [configQuery, viewQuery(view, implied)].filter((q) => q !== '').join('&');
}
