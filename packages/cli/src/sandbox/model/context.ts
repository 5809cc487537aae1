import { CodeAttempts } from './code-attempts';
import { OneTimeClaims } from './one-time';
import { QuotaMeter } from './quota-meter';
import { Sessions } from './sessions';
import { CognitoError, resourceNotFound } from '../core/errors';
import { ClientConfig, PoolConfig } from '../core/pool-config';
import { PoolState } from '../core/records';
import { SigningKey } from '../crypto/jwt';
import { LocalKms } from '../crypto/local-kms';
import { TriggerRunner } from '../functions';
import { Outbox } from '../store/outbox';
import { Store } from '../store/store';

/** The admin API's access key (`--admin-credentials`): IAM-authorized calls must be signed with it. */
export interface IamCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A pool as the handlers see it: template settings, stored state and signing key together. */
export interface PoolRuntime {
  readonly config: PoolConfig;
  readonly state: PoolState;
  readonly key: SigningKey;
  /** Where its users and refresh tokens are (read them through users.ts and refresh-tokens.ts). */
  readonly store: Store;
}

/** Everything a handler needs; one per running sandbox. */
export interface SandboxContext {
  readonly region: string;
  /** http://host:port, the prefix of every token issuer. */
  issuerBase: string;
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly store: Store;
  readonly sessions: Sessions;
  readonly codeAttempts: CodeAttempts;
  /** One-time artifacts claimed or spent (one-time.ts): what no other request may use again. */
  readonly oneTime: OneTimeClaims;
  /** When set, IAM-authorized calls must be signed with these (else any well-formed SigV4 signature passes). */
  readonly iamCredentials?: IamCredentials;
  readonly outbox: Outbox;
  readonly triggers: TriggerRunner;
  /** With `quotas` (`--quotas`): counts calls per quota category and throttles beyond their rates. */
  readonly quotas?: QuotaMeter;
  /** The local KMS keys custom sender codes are encrypted under (one per pool KMSKeyID). */
  readonly kms: LocalKms;
  readonly pools: Map<string, PoolRuntime>;
  readonly clients: Map<string, ClientConfig>;
}

export function poolById(ctx: SandboxContext, id: unknown): PoolRuntime {
  const pool = ctx.pools.get(String(id));
  if (!pool) throw resourceNotFound(`User pool ${id} does not exist.`);
  return pool;
}

export function clientById(ctx: SandboxContext, id: unknown): { client: ClientConfig; pool: PoolRuntime } {
  const client = ctx.clients.get(String(id));
  if (!client) throw resourceNotFound(`User pool client ${id} does not exist.`);
  if (client.hasSecret) {
    throw new CognitoError('UnsupportedOperationException',
      `The sandbox does not support app clients with a secret (${client.name}): it cannot check SECRET_HASH. The Auth construct's client has no secret.`);
  }
  return { client, pool: poolById(ctx, client.poolId) };
}

export const issuerOf = (ctx: SandboxContext, poolId: string) => `${ctx.issuerBase}/${poolId}`;
