/** Builds the model export off the main thread (a big probe or a long replay never freezes the tab). */
import type { Config } from '../../engine/contract/config.ts';
import { parseDigits } from '../../engine/data/digits.ts';
import { exportModel } from './modelExport.ts';

interface Request { readonly config: Config; readonly step: number; readonly digitsUrl: string }
interface Scope { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: unknown): void }

const scope = self as unknown as Scope;
scope.onmessage = async (e) => {
  try {
    const { config, step, digitsUrl } = e.data;
    const digits = config.data === 'digits' ? parseDigits(new Uint8Array(await (await fetch(digitsUrl)).arrayBuffer())) : null;
    scope.postMessage({ ok: true, json: JSON.stringify(exportModel(config, step, digits)) });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
