/** The probe CLI's flags. Returns problems instead of throwing, like the URL codec. */
export interface CliArgs {
  query: string;
  format: 'json' | 'csv';
  exportFile: string | null;
}

export function parseArgs(argv: readonly string[]): { args: CliArgs; problems: string[] } {
  const problems: string[] = [];
  const args: CliArgs = { query: '', format: 'json', exportFile: null };
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
    } else if (a.startsWith('--')) {
      problems.push(`unknown option ${a} (options: --format json|csv, --export FILE)`);
    } else if (sawQuery) {
      problems.push(`more than one query given ("${a}"); quote the query`);
    } else {
      args.query = a;
      sawQuery = true;
    }
  }
  return { args, problems };
}
