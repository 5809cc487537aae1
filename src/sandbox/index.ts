/**
 * A local Cognito user pool emulator: reads the user pools of a synthesized template and serves
 * the Cognito API (JSON 1.1) so real SDKs can run sign-up, MFA, SRP and device flows offline.
 * Import from '@cdk-mfa/auth/lib/sandbox'; it is not part of the jsii API.
 */
import { AddressInfo } from 'net';
import { PoolRuntime, SandboxContext } from './context';
import { createApp } from './http/app';
import { signingKeyFrom } from './jwt';
import { Outbox, OutboxApi } from './outbox';
import { Sessions } from './sessions';
import { Store } from './store';
import { readResources } from './template-reader';
import { loadTemplates } from './template-source';
import { TriggerRunner } from './triggers';
import { ClientConfig } from './types';

export type { OutboxMessage, OutboxFilter, OutboxApi } from './outbox';
export { totpCode } from './totp';
export { srpClient, srpTimestamp } from './srp';

export interface SandboxOptions {
  /** A synthesized CloudFormation template (e.g. `Template.fromStack(stack).toJSON()`). */
  readonly template?: object;
  /** Path of a template JSON file. */
  readonly templatePath?: string;
  /** A cdk.out directory: every *.template.json in it is read, and Lambda assets are found in it. */
  readonly cdkOutDir?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly region?: string;
  /** JSON file that keeps users, devices and keys across restarts. */
  readonly stateFile?: string;
  /** Directory where delivered SMS/email messages are appended to outbox.jsonl. */
  readonly outboxDir?: string;
  /** Injectable clock (epoch ms) for expiry tests. */
  readonly clock?: () => number;
  /** Console lines (codes delivered, QR codes, skipped triggers). Defaults to stdout. */
  readonly log?: (line: string) => void;
}

export interface SandboxClientInfo {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  /** The AuthFlow values InitiateAuth accepts for this client (from ExplicitAuthFlows), e.g. USER_SRP_AUTH. */
  readonly authFlows: string[];
}

export interface SandboxPoolInfo {
  readonly id: string;
  readonly logicalId: string;
  readonly stackName: string;
  readonly clients: SandboxClientInfo[];
}

export interface Sandbox {
  /** http://host:port, the endpoint to give Cognito clients. */
  readonly endpoint: string;
  readonly region: string;
  readonly userPools: SandboxPoolInfo[];
  readonly outbox: OutboxApi;
  /** Writes the state file now (it is also written shortly after every change). */
  flush(): void;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const region = options.region ?? 'us-east-1';
  const host = options.host ?? '127.0.0.1';
  const now = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => process.stdout.write(`[sandbox] ${line}\n`));
  const { pools, clients } = readResources(loadTemplates(options), region);
  if (pools.length === 0) throw new Error('The template has no AWS::Cognito::UserPool resource.');
  const store = new Store(options.stateFile, now);
  const ctx: SandboxContext = {
    region,
    issuerBase: '',
    now,
    log,
    store,
    sessions: new Sessions(now),
    outbox: new Outbox(options.outboxDir, log, now),
    triggers: new TriggerRunner(region, log),
    pools: new Map<string, PoolRuntime>(),
    clients: new Map<string, ClientConfig>(clients.map(c => [c.id, c])),
  };
  for (const config of pools) {
    const state = store.pool(config.id);
    // SetUserPoolMfaConfig changes outlive restarts, as they would in a deployed pool.
    if (state.mfaOverride) {
      config.mfaConfiguration = state.mfaOverride.mfaConfiguration;
      config.enabledMfas = state.mfaOverride.enabledMfas;
      config.smsAuthenticationMessage = state.mfaOverride.smsAuthenticationMessage ?? config.smsAuthenticationMessage;
      config.emailAuthenticationMessage = state.mfaOverride.emailMessage ?? config.emailAuthenticationMessage;
      config.emailAuthenticationSubject = state.mfaOverride.emailSubject ?? config.emailAuthenticationSubject;
    }
    ctx.pools.set(config.id, { config, state, key: signingKeyFrom(state.keyId, state.signingKey) });
  }
  store.flush();

  const app = createApp(ctx);
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  ctx.issuerBase = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.triggers.endpoint = ctx.issuerBase;

  return {
    endpoint: ctx.issuerBase,
    region,
    userPools: pools.map(p => ({
      id: p.id,
      logicalId: p.logicalId,
      stackName: p.stackName,
      clients: clients.filter(c => c.poolId === p.id).map(c => ({ id: c.id, logicalId: c.logicalId, name: c.name, authFlows: initiateAuthFlows(c) })),
    })),
    outbox: ctx.outbox,
    flush: () => store.flush(),
    stop: async () => {
      await app.close();
      store.flush();
    },
  };
}

/** ALLOW_USER_SRP_AUTH -> USER_SRP_AUTH, and the legacy names (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY) likewise. */
function initiateAuthFlows(client: ClientConfig): string[] {
  const names: Record<string, string> = {
    ALLOW_USER_SRP_AUTH: 'USER_SRP_AUTH',
    ALLOW_USER_PASSWORD_AUTH: 'USER_PASSWORD_AUTH',
    USER_PASSWORD_AUTH: 'USER_PASSWORD_AUTH',
    ALLOW_ADMIN_USER_PASSWORD_AUTH: 'ADMIN_USER_PASSWORD_AUTH',
    ADMIN_NO_SRP_AUTH: 'ADMIN_USER_PASSWORD_AUTH',
    ALLOW_USER_AUTH: 'USER_AUTH',
    ALLOW_CUSTOM_AUTH: 'CUSTOM_AUTH',
    CUSTOM_AUTH_FLOW_ONLY: 'CUSTOM_AUTH',
    ALLOW_REFRESH_TOKEN_AUTH: 'REFRESH_TOKEN_AUTH',
  };
  return [...new Set(client.explicitAuthFlows.map(flow => names[flow]).filter(Boolean))];
}
