#!/usr/bin/env node
import { runClientConfig } from './client-config';
import { OPERATOR_COMMANDS, processDeps } from './operator';
import { sandboxCommand } from './sandbox-command';

/** A subcommand: its arguments (after the command words) in, process exit code out. */
export interface CliCommand {
  readonly summary: string;
  readonly run: (args: string[]) => Promise<number>;
}

/** The CLI's subcommands, keyed by their words (one or two, e.g. 'user mfa-status'); add new ones here. */
export const COMMANDS: Record<string, CliCommand> = {
  'sandbox': { summary: 'Run a local Cognito emulator for the user pools of a synthesized app', run: sandboxCommand },
  'client-config': { summary: 'Write amplify_outputs.json from a synthesized template and cdk deploy --outputs-file', run: args => runClientConfig(args, processDeps()) },
  ...Object.fromEntries(Object.entries(OPERATOR_COMMANDS).map(([name, c]) => [
    name,
    { summary: c.summary, run: (args: string[]) => c.run(args, processDeps()) },
  ])),
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(n => n.length));
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: cdk-mfa-auth <command> [options]\n\nCommands:\n${list}\n\nRun 'cdk-mfa-auth <command> --help' for a command's options.`;
}

/** Finds the command named by the first two words, else the first word. */
function lookup(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    if (argv.length >= words && Object.prototype.hasOwnProperty.call(COMMANDS, name)) return { command: COMMANDS[name], rest: argv.slice(words) };
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || ['--help', '-h', 'help'].includes(argv[0])) {
    process.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const found = lookup(argv);
  if (!found) {
    process.stderr.write(`Unknown command '${argv[0]}'.\n${usage()}\n`);
    return 2;
  }
  return found.command.run(found.rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    (err: Error) => {
      process.stderr.write(`cdk-mfa-auth: ${err.message}\n`);
      process.exit(1);
    },
  );
}
