import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { parseUserCommandArgs, UsageError, UserCommandOptions } from './args';
import { clientFor, OperatorDeps } from './deps';
import { printable, scrub } from './redact';
import { BIN, CommandSpec, commandHelp, ERROR_PREFIX, EXIT } from '../command-spec';

export { EXIT } from '../command-spec';

/** The usage line of a command: its words and required options. */
export function usageLine(spec: CommandSpec): string {
  return commandHelp(spec).split('\n')[0].replace(/^Usage: /, '');
}

/** Prints a command line mistake and how to get the options; returns the usage exit code. */
export function usageMistake(spec: CommandSpec, e: UsageError, err: (line: string) => void): number {
  err(`${ERROR_PREFIX} ${printable(e.message)}`);
  err(`usage: ${usageLine(spec)}`);
  err(`Run '${BIN} ${spec.name} --help' for every option.`);
  return EXIT.USAGE;
}

/**
 * Runs a `user ...` command body with parsed options and a client, and turns errors into a
 * message on stderr and an exit code. Error messages are scrubbed of the typed user name and
 * escaped (an error may echo what a user or the server put in it).
 */
export async function runUserCommand(
  spec: CommandSpec,
  args: string[],
  deps: OperatorDeps,
  body: (options: UserCommandOptions, client: CognitoIdentityProviderClient) => Promise<number>,
): Promise<number> {
  let options: UserCommandOptions;
  try {
    const parsed = parseUserCommandArgs(args, deps.env, spec);
    if (parsed === 'help') {
      commandHelp(spec).split('\n').forEach(line => deps.out(line));
      return EXIT.OK;
    }
    options = parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageMistake(spec, e, deps.err);
  }
  const { client, owned } = clientFor(options, deps);
  try {
    return await body(options, client);
  } catch (e) {
    deps.err(`${ERROR_PREFIX} ${describeError(e, options.username)}`);
    return EXIT.FAILED;
  } finally {
    if (owned) client.destroy();
  }
}

/** `Name: message` of an AWS error, without the user name the operator typed. */
export function describeError(e: unknown, username: string): string {
  const error = e as { name?: string; message?: string };
  const name = error?.name && error.name !== 'Error' ? `${error.name}: ` : '';
  return printable(scrub(`${name}${error?.message ?? String(e)}`, [username]));
}
