import { ResolvedAuthConfig, ResolvedClient } from './resolved';

/** An app client, with what rules need to name it. */
export interface ListedClient extends ResolvedClient {
  /** `client` for the default public client, `appClients[i]` for the others. */
  readonly path: string;
  readonly generateSecret: boolean;
}

/** Every app client: the default public one first, then `appClients` in order. */
export function clientsOf(config: ResolvedAuthConfig): ListedClient[] {
  return [{ ...config.client, path: 'client', generateSecret: false }, ...config.appClients];
}
