import { parseArgs, ParseArgsConfig } from 'util';

/** A command line mistake: the message names the option; the dispatcher prints usage and exits 2. */
export class UsageError extends Error {
  public readonly name = 'UsageError';
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type StrictConfig<T extends OptionsConfig> = { args: string[]; options: T; strict: true; allowPositionals: false };
/** The parsed option values, typed from the option declarations. */
export type ParsedOptions<T extends OptionsConfig> = ReturnType<typeof parseArgs<StrictConfig<T>>>['values'];

/** Strict `--name value` parsing (no positionals); an unknown or malformed option is a UsageError. */
export function parseOptions<T extends OptionsConfig>(args: string[], options: T): ParsedOptions<T> {
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

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

// Cognito user pool ids are `<region>_<id>`, so the region can come from the id.
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/;

/**
 * Parses `--user-pool-id X --username U [--region R] [--endpoint URL] [--confirm] [--json]`.
 *
 * @throws UsageError naming the option that is missing, unknown or malformed.
 */
export function parseUserCommandArgs(args: string[], env: Record<string, string | undefined> = process.env): UserCommandOptions {
  const values = parseOptions(args, {
    'user-pool-id': { type: 'string' },
    'username': { type: 'string' },
    'region': { type: 'string' },
    'endpoint': { type: 'string' },
    'confirm': { type: 'boolean', default: false },
    'json': { type: 'boolean', default: false },
  });
  const userPoolId = values['user-pool-id'];
  if (!userPoolId) throw new UsageError('--user-pool-id is required (e.g. us-east-1_AbCdEf123)');
  const username = values.username;
  if (!username) throw new UsageError('--username is required (the user name, or the email/phone the user signs in with)');
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? POOL_ID.exec(userPoolId)?.[1];
  if (!region) throw new UsageError('--region is required (it could not be read from --user-pool-id, AWS_REGION or AWS_DEFAULT_REGION)');
  const endpoint = values.endpoint;
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  return { userPoolId, username, region, endpoint, confirm: values.confirm === true, json: values.json === true };
}
