import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { UserCommandOptions } from './args';

/** What operator commands need from the outside world; tests inject their own. */
export interface OperatorDeps {
  /** A ready client; when absent one is built from `--region` and `--endpoint`. */
  readonly client?: CognitoIdentityProviderClient;
  /** Standard output, one line per call. */
  readonly out: (line: string) => void;
  /** Standard error, one line per call (errors and the audit line). */
  readonly err: (line: string) => void;
  /** @default the system clock */
  readonly now?: () => Date;
  /** @default process.env */
  readonly env?: Record<string, string | undefined>;
}

/** Writes to the process's stdout and stderr. */
export function processDeps(): OperatorDeps {
  return {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
  };
}

/**
 * The real SDK client for the options. With `--endpoint` (the local sandbox) and no AWS credentials
 * in the environment it signs with placeholder credentials: the sandbox does not check signatures.
 */
export function clientFor(options: UserCommandOptions, deps: OperatorDeps): { client: CognitoIdentityProviderClient; owned: boolean } {
  if (deps.client) return { client: deps.client, owned: false };
  const env = deps.env ?? process.env;
  const placeholder = options.endpoint && !env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE
    ? { credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } }
    : {};
  return {
    client: new CognitoIdentityProviderClient({ region: options.region, endpoint: options.endpoint, ...placeholder }),
    owned: true,
  };
}
