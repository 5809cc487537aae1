import { parseArgs } from 'util';
import { closest } from '../sandbox/core/did-you-mean';

export { closest };

/**
 * Declarative command lines: each command is one table of options ({@link CommandSpec}); its help
 * text and its strict parser both come from that table, so a new option is one new row.
 */

/** One option of a command. */
export interface OptionSpec {
  /** The long name, without the leading `--`. */
  readonly name: string;
  /** `string` takes a value (`--name value` or `--name=value`); `boolean` is a bare flag. */
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in the help, e.g. `FILE`. @default VALUE */
  readonly value?: string;
  /** What the option does, for the help. */
  readonly description: string;
  /** The default, as the help states it. @default none stated */
  readonly default?: string;
  /** The help marks it required (the command checks it and says what to pass). @default false */
  readonly required?: boolean;
}

/** One command: its words, summary, and option table. */
export interface CommandSpec {
  /** The words after the binary name, e.g. `user mfa-status`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** More lines for the command's help, after the summary. @default none */
  readonly details?: string;
  readonly options: readonly OptionSpec[];
}

/** The binary's name, as users type it. */
export const BIN = 'cdk-mfa-auth';

/** Exit codes of every command: 0 done (or planned), 1 failed or refused, 2 command line mistake. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/** What every command's help says about exit codes. */
export const EXIT_CODES = 'Exit codes: 0 done, 1 failed or refused, 2 command line mistake.';

/** What every error line starts with, whichever command or layer it comes from. */
export const ERROR_PREFIX = `${BIN}:`;

/** A command line mistake: the message names the option and the fix; the command exits 2. */
export class UsageError extends Error {
  public readonly name = 'UsageError';
}

const HELP: OptionSpec = { name: 'help', type: 'boolean', description: 'print this help and exit' };

/** The options a command accepts: its table plus `--help` (`-h`). */
function accepted(spec: CommandSpec): readonly OptionSpec[] {
  return [...spec.options, HELP];
}

/** The help text: usage line, summary, every option with its value, default and whether it is required. */
export function commandHelp(spec: CommandSpec): string {
  const required = spec.options.filter(o => o.required).map(o => `--${o.name} ${o.value ?? 'VALUE'}`);
  const rows = accepted(spec).map(o => {
    const flag = `${o === HELP ? '-h, ' : ''}--${o.name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const notes = [o.required ? 'required' : undefined, o.default !== undefined ? `default: ${o.default}` : undefined].filter(Boolean);
    return [flag, `${o.description}${notes.length ? ` (${notes.join('; ')})` : ''}`];
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${BIN} ${spec.name} ${[...required, '[options]'].join(' ')}`,
    '',
    spec.summary,
    ...(spec.details ? ['', spec.details] : []),
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    EXIT_CODES,
  ].join('\n');
}

/** Parsed option values (string options as strings, flags as `true`). */
export type OptionValues = Record<string, string | true>;

/**
 * Parses `--name value`, `--name=value` and bare flags strictly against the table, with node's
 * `util.parseArgs` as the tokenizer (every command's one parser). Returns `'help'` when `--help`/`-h`
 * is given (anywhere).
 *
 * @throws UsageError for an unknown option (naming the closest known one), a missing value,
 *   a value given to a flag, or a positional argument.
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): OptionValues | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const byName = new Map(accepted(spec).map(o => [o.name, o]));
  // Not strict: the table's checks below name the option and the fix, in our words, at the first mistake.
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries([...byName.values()].map(o => [o.name, { type: o.type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: OptionValues = {};
  for (const token of tokens) {
    const arg = argv[token.index];
    if (token.kind === 'positional' || (token.kind === 'option' && !token.rawName.startsWith('--'))) {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}: options start with --`);
    }
    // A bare `--` is an option with no name, like any other unknown one.
    const name = token.kind === 'option' ? token.name : '';
    const option = byName.get(name);
    if (token.kind === 'option-terminator' || !option) throw new UsageError(`unknown option --${name}${suggestion(name, [...byName.keys()])}`);
    if (option.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`--${name} is a flag and takes no value (got ${JSON.stringify(token.value)})`);
      values[name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value: --${name} ${option.value ?? 'VALUE'}`);
    }
    values[name] = value;
  }
  return values;
}

/** ` (did you mean --x?)` for a near miss of an option. */
function suggestion(name: string, known: string[]): string {
  const close = closest(name, known);
  return close ? ` (did you mean --${close}?)` : '';
}

/** A string option's value, or undefined when absent. */
export function stringValue(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
