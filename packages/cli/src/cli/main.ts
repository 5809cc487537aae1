#!/usr/bin/env node
import './quiet-sdk';
import * as fs from 'fs';
import * as path from 'path';
import { runClientConfig, CLIENT_CONFIG_COMMAND } from './client-config';
import { BIN, closest, CommandSpec, ERROR_PREFIX, EXIT, EXIT_CODES, UsageError } from './command-spec';
import { OPERATOR_COMMANDS, processDeps } from './operator';
import { sandboxCommand } from './sandbox-command';
import { SANDBOX_COMMAND } from './sandbox-options';

/** A subcommand: its option table, and its arguments (after the command words) in, process exit code out. */
export interface CliCommand {
  readonly spec: CommandSpec;
  readonly run: (args: string[]) => Promise<number>;
}

/** The CLI's subcommands, keyed by their words (one or two, e.g. 'user mfa-status'); add new ones here. */
export const COMMANDS: Record<string, CliCommand> = {
  'sandbox': { spec: SANDBOX_COMMAND, run: sandboxCommand },
  'client-config': { spec: CLIENT_CONFIG_COMMAND, run: args => runClientConfig(args, processDeps()) },
  ...Object.fromEntries(Object.entries(OPERATOR_COMMANDS).map(([name, c]) => [
    name,
    { spec: c.spec, run: (args: string[]) => c.run(args, processDeps()) },
  ])),
};

/** The package's version, from its package.json (two levels up from lib/cli or src/cli). */
export function version(): string {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

/** The command list, for the commands whose words start with `group` (all of them for ''). */
function usage(group = ''): string {
  const commands = Object.entries(COMMANDS).filter(([name]) => name.startsWith(group));
  const width = Math.max(...commands.map(([name]) => name.length));
  const list = commands.map(([name, c]) => `  ${name.padEnd(width)}  ${c.spec.summary.replace(/\.$/, '')}`).join('\n');
  return [
    `Usage: ${BIN} ${group ? `${group.trim()} <command>` : '<command>'} [options]`,
    '',
    'Commands:',
    list,
    '',
    ...(group ? [] : ['Options:', '  -h, --help     print this help and exit', '  -V, --version  print the version and exit', '']),
    `Run '${BIN} <command> --help' for a command's options.`,
    EXIT_CODES,
  ].join('\n');
}

/** Command groups: the first word of two-word commands ('user'). */
function groups(): string[] {
  return [...new Set(Object.keys(COMMANDS).filter(n => n.includes(' ')).map(n => n.split(' ')[0]))];
}

/** Finds the command named by the first two words, else the first word. */
function lookup(argv: string[]): { name: string; command: CliCommand; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    if (argv.length >= words && Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
      return { name, command: COMMANDS[name], rest: argv.slice(words) };
    }
  }
  return undefined;
}

/** ` (did you mean 'sandbox'?)` for a near miss of a command or group name ('sandbx', 'usr'). */
function didYouMean(typed: string, known: string[]): string {
  const close = closest(typed, known);
  return close ? ` (did you mean '${close}'?)` : '';
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

export async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || isHelp(first)) {
    (first === undefined ? process.stderr : process.stdout).write(`${usage()}\n`);
    return first === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  const found = lookup(argv);
  if (!found) {
    if (groups().includes(first)) {
      if (isHelp(second)) {
        process.stdout.write(`${usage(`${first} `)}\n`);
        return EXIT.OK;
      }
      const what = second === undefined ? `'${first}' needs a command` : `unknown command '${first} ${second}'${didYouMean(`${first} ${second}`, Object.keys(COMMANDS).filter(n => n.startsWith(`${first} `)))}`;
      process.stderr.write(`${ERROR_PREFIX} ${what}.\n${usage(`${first} `)}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`${ERROR_PREFIX} unknown command '${first}'${didYouMean(first, [...Object.keys(COMMANDS).filter(n => !n.includes(' ')), ...groups()])}.\n${usage()}\n`);
    return EXIT.USAGE;
  }
  try {
    return await found.command.run(found.rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${ERROR_PREFIX} ${e.message}\nRun '${BIN} ${found.name} --help' for every option.\n`);
    return EXIT.USAGE;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    (err: Error) => {
      process.stderr.write(`${ERROR_PREFIX} ${err.message}\n`);
      process.exit(EXIT.FAILED);
    },
  );
}
