import { CommandSpec, OptionSpec, parseCommandLine, stringValue, UsageError } from '../command-spec';

export { UsageError } from '../command-spec';

/** Options shared by the `user ...` operator commands. */
export interface UserCommandOptions {
  readonly userPoolId: string;
  readonly username: string;
  readonly region: string;
  readonly endpoint?: string;
  /** Apply the change; without it changing commands only print their plan. */
  readonly confirm: boolean;
  /** Print one JSON object instead of text. */
  readonly json: boolean;
}

/** The options every `user ...` command takes. */
export const USER_OPTIONS: readonly OptionSpec[] = [
  { name: 'user-pool-id', type: 'string', value: 'ID', required: true, description: 'the user pool, e.g. us-east-1_AbCdEf123' },
  { name: 'username', type: 'string', value: 'NAME', required: true, description: 'the user name, or the email address or phone number the user signs in with' },
  { name: 'region', type: 'string', value: 'REGION', description: 'the AWS region of the pool', default: 'the region in --user-pool-id, else AWS_REGION or AWS_DEFAULT_REGION' },
  {
    name: 'endpoint',
    type: 'string',
    value: 'URL',
    description: 'a Cognito-compatible endpoint instead of AWS, e.g. the local sandbox http://127.0.0.1:8787; signs with placeholder credentials unless AWS_ACCESS_KEY_ID or AWS_PROFILE is set',
    default: 'AWS, with credentials from the AWS SDK chain',
  },
];

/** `--json`, for commands that report. */
export const JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', description: 'print one JSON object instead of text' };
/** `--confirm`, for commands that change the user. */
export const CONFIRM_OPTION: OptionSpec = { name: 'confirm', type: 'boolean', description: 'apply the change; without it the command prints its plan and changes nothing', default: 'dry run' };

/** Every user option, for parsing without a particular command. */
const ANY_USER_COMMAND: CommandSpec = { name: 'user', summary: '', options: [...USER_OPTIONS, CONFIRM_OPTION, JSON_OPTION] };

// Cognito user pool ids are `<region>_<id>`, so the region can come from the id.
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/;

/**
 * Parses a `user ...` command line against the command's option table; `'help'` for `--help`.
 *
 * @throws UsageError naming the option that is missing, unknown or malformed, and the fix.
 */
export function parseUserCommandArgs(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  spec: CommandSpec = ANY_USER_COMMAND,
): UserCommandOptions | 'help' {
  const values = parseCommandLine(spec, args);
  if (values === 'help') return 'help';
  const userPoolId = stringValue(values, 'user-pool-id');
  if (!userPoolId) throw new UsageError('--user-pool-id is required (e.g. us-east-1_AbCdEf123)');
  const username = stringValue(values, 'username');
  if (!username) throw new UsageError('--username is required (the user name, or the email/phone the user signs in with)');
  const region = stringValue(values, 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? POOL_ID.exec(userPoolId)?.[1];
  if (!region) throw new UsageError('--region is required (it could not be read from --user-pool-id, AWS_REGION or AWS_DEFAULT_REGION)');
  const endpoint = stringValue(values, 'endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint must be an http(s) URL such as http://127.0.0.1:8787, got ${JSON.stringify(endpoint)}`);
  return { userPoolId, username, region, endpoint, confirm: values.confirm === true, json: values.json === true };
}
