import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { parseUserCommandArgs, UsageError, UserCommandOptions } from './args';
import { clientFor, OperatorDeps } from './deps';
import { scrub } from './redact';

/** Exit codes: 0 done (or planned), 1 refused or failed, 2 command line mistake. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/**
 * Runs a `user ...` command body with parsed options and a client, and turns errors into a
 * message on stderr and an exit code. Error messages are scrubbed of the typed user name.
 */
export async function runUserCommand(
  usage: string,
  args: string[],
  deps: OperatorDeps,
  body: (options: UserCommandOptions, client: CognitoIdentityProviderClient) => Promise<number>,
): Promise<number> {
  let options: UserCommandOptions;
  try {
    options = parseUserCommandArgs(args, deps.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    deps.err(`error: ${e.message}`);
    deps.err(`usage: ${usage}`);
    return EXIT.USAGE;
  }
  const { client, owned } = clientFor(options, deps);
  try {
    return await body(options, client);
  } catch (e) {
    deps.err(`error: ${describeError(e, options.username)}`);
    return EXIT.FAILED;
  } finally {
    if (owned) client.destroy();
  }
}

/** `Name: message` of an AWS error, without the user name the operator typed. */
export function describeError(e: unknown, username: string): string {
  const error = e as { name?: string; message?: string };
  const name = error?.name && error.name !== 'Error' ? `${error.name}: ` : '';
  return scrub(`${name}${error?.message ?? String(e)}`, [username]);
}
