/** Moved to engine/contract/arch/shapes.ts (pure, shared with the page's architecture explorer); this path stays for the engine. */
export * from '../contract/arch/shapes.ts';
