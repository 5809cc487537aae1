import { ClientConfig } from '../../core/pool-config';
import { PoolRuntime } from '../../model/context';

/**
 * The names the pages show people. A CDK app that sets no ClientName or UserPoolName leaves the
 * sandbox only the logical ID (`AuthUserPoolClient0AA456E4`); the pages then show it without the
 * 8-character hash CDK appends (`AuthUserPoolClient`), never the raw ID.
 */
export function readableName(name: string, logicalId: string): string {
  if (name !== logicalId) return name;
  const stripped = logicalId.replace(/[0-9A-F]{8}$/, '');
  return stripped || logicalId;
}

export const clientDisplayName = (client: ClientConfig) => readableName(client.name, client.logicalId);

export const poolDisplayName = (pool: PoolRuntime) => readableName(pool.config.name, pool.config.logicalId);
