/** The probe CLI's flags. Returns problems instead of throwing, like the URL codec. */
export interface CliArgs {
  query: string;
  format: 'json' | 'csv';
  exportFile: string | null;
  /** Train this many steps (data=... required) instead of probing the initialization. */
  steps: number | null;
  /** With --steps: also print the percentile track of one last-hidden-layer unit. */
  track: boolean;
}

/** Most steps one command trains (a typo like --steps 1e9 should not hang a terminal for hours). */
export const MAX_STEPS = 10_000_000;

export function parseArgs(argv: readonly string[]): { args: CliArgs; problems: string[] } {
  const problems: string[] = [];
  const args: CliArgs = { query: '', format: 'json', exportFile: null, steps: null, track: false };
  let sawQuery = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const takeValue = (flag: string): string | null => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) {
        problems.push(`${flag} needs a value`);
        return null;
      }
      return argv[++i];
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = takeValue('--format');
      if (v === 'json' || v === 'csv') args.format = v;
      else if (v !== null) problems.push(`--format ${v} is not json or csv`);
    } else if (a === '--export' || a.startsWith('--export=')) {
      const v = takeValue('--export');
      if (v !== null && v !== '') args.exportFile = v;
      else if (v === '') problems.push('--export needs a file name');
    } else if (a === '--steps' || a.startsWith('--steps=')) {
      const v = takeValue('--steps');
      if (v !== null) {
        const n = /^\d+$/.test(v) ? Number(v) : NaN;
        if (Number.isInteger(n) && n >= 0 && n <= MAX_STEPS) args.steps = n;
        else problems.push(`--steps ${v} is not a whole number in 0..${MAX_STEPS}`);
      }
    } else if (a === '--track') {
      args.track = true;
    } else if (a.startsWith('--')) {
      problems.push(`unknown option ${a} (options: --format json|csv, --export FILE, --steps N, --track)`);
    } else if (sawQuery) {
      problems.push(`more than one query given ("${a}"); quote the query`);
    } else {
      args.query = a;
      sawQuery = true;
    }
  }
  if (args.track && args.steps === null) problems.push('--track needs --steps N (it follows one unit over training)');
  return { args, problems };
}
