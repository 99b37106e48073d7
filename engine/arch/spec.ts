/** Moved to engine/contract/arch/ so the page can compute tables too; this path stays for the engine and the CLI. */
export * from '../contract/arch/spec.ts';
