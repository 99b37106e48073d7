/** Moved to engine/contract/arch/named/; this path stays for the engine and the CLI. */
export * from '../../contract/arch/named/index.ts';
