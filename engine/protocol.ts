/**
 * The typed messages between the page and the engine's worker. Each side switches on `type`
 * exhaustively. Typed arrays cross as transferables. Later issues add training messages
 * ('play', 'pause', 'step', 'reset') to these unions.
 */
import type { ComparisonLineResult } from './compare.ts';
import type { Config } from './config.ts';
import type { ProbeData } from './probe/layout.ts';

export type ToWorker =
  /** Run the signal probe for this config. requestId lets the page drop stale answers. */
  | { readonly type: 'configure'; readonly requestId: number; readonly config: Config }
  /** Run one line of the initializer comparison (COMPARISON_LINES[lineIndex]) for this config. */
  | { readonly type: 'compareLine'; readonly requestId: number; readonly config: Config; readonly lineIndex: number };

export type FromWorker =
  | { readonly type: 'snapshot'; readonly requestId: number; readonly probe: ProbeData; readonly elapsedMs: number }
  | { readonly type: 'comparisonLine'; readonly requestId: number; readonly lineIndex: number; readonly result: ComparisonLineResult; readonly elapsedMs: number }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };

export function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
