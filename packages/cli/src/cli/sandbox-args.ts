import { CommandSpec, parseCommandLine } from './command-spec';

/** Parsed `--name value` / `--flag` options plus positional arguments. */
export interface ParsedArgs {
  readonly options: Record<string, string | true>;
  readonly positional: string[];
}

/**
 * Option parser: `--key value`, `--key=value`, and bare `--flag`. With a command's option table it is
 * strict (an unknown option or a missing value is a UsageError naming the fix; `--help` gives `{ help: true }`).
 */
export function parseArgs(argv: string[], spec?: CommandSpec): ParsedArgs {
  if (spec) {
    const values = parseCommandLine(spec, argv);
    return { options: values === 'help' ? { help: true } : values, positional: [] };
  }
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      options[arg.slice(2)] = argv[++i];
    } else {
      options[arg.slice(2)] = true;
    }
  }
  return { options, positional };
}

/** Reads a string option, refusing a bare flag where a value is needed. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  if (value === true) throw new Error(`--${name} needs a value`);
  return value;
}
