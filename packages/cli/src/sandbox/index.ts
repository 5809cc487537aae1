/**
 * A local Cognito user pool emulator: reads the user pools of a synthesized template and serves
 * the Cognito API (JSON 1.1) so real SDKs can run sign-up, MFA, SRP and device flows offline.
 * Apps import it from '@cdk-mfa/cli' (src/index.ts); the layers under this folder are internal.
 */
import { randomBytes } from 'crypto';
import { AddressInfo } from 'net';
import * as path from 'path';
import { isLoopbackName, originOf } from './core/origins';
import { ClientConfig } from './core/pool-config';
import { quotaRates } from './core/quotas';
import { LocalKms } from './crypto/local-kms';
import { buildRuntimes, reloadPools, ReloadReport } from './dev/reload';
import { seedFromFile, seedUsers, SeedResult, SeedUser } from './dev/seed';
import { TriggerRunner } from './functions';
import { domainPath, domainUrl, signInUrl } from './hosted/oauth/urls';
import { CodeAttempts } from './model/code-attempts';
import { PoolRuntime, SandboxContext } from './model/context';
import type { IamCredentials } from './model/context';
import { OneTimeClaims } from './model/one-time';
import { QuotaMeter, quotaReport, QuotaUsage } from './model/quota-meter';
import { Sessions } from './model/sessions';
import { createApp, ServerTimeouts } from './server/app';
import { startKmsEndpoint } from './server/kms-endpoint';
import { sandboxCertificate } from './server/tls';
import { Outbox, OutboxApi } from './store/outbox';
import { Store } from './store/store';
import { readResources } from './template/template-reader';
import { loadTemplates, TemplateInput } from './template/template-source';

export type { OutboxMessage, OutboxFilter, OutboxApi } from './store/outbox';
export { readOutboxFile } from './store/outbox';
export type { IamCredentials } from './model/context';
export type { ServerTimeouts } from './server/app';
export { totpCode } from './crypto/totp';
export { ImmutablePoolChangeError } from './dev/reload';
export type { ReloadReport } from './dev/reload';
export { parseSeedFile, SeedFileError } from './dev/seed';
export type { SeedResult, SeedUser } from './dev/seed';
export type { TemplateInput } from './template/template-source';
export { srpClient, srpTimestamp } from './crypto/srp';
export { DEFAULT_QUOTA_RATES, QuotaRatesError, quotaRates } from './core/quotas';
export type { QuotaCategory, QuotaRates } from './core/quotas';
export type { QuotaUsage } from './model/quota-meter';

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
  /**
   * SQLite database that keeps users, devices and keys across restarts (created 0600; a JSON state
   * file of earlier versions is converted on first start, the original kept as `<file>.json-backup`).
   * Without it the state is an in-memory database, gone when the sandbox stops.
   */
  readonly stateFile?: string;
  /** For tests: PRAGMA max_page_count of the database, to make it "full" (SQLITE_FULL) at a chosen size. */
  readonly stateMaxPages?: number;
  /** Directory where delivered SMS/email messages are appended to outbox.jsonl. */
  readonly outboxDir?: string;
  /**
   * Serve https on the same port as http, with a self-signed certificate for localhost, 127.0.0.1
   * and ::1 (kept next to the state file). Amplify's signInWithRedirect builds
   * `https://<oauth.domain>/...` URLs, so the hosted sign-in needs it.
   * @default true
   */
  readonly https?: boolean;
  /** Injectable clock (epoch ms) for expiry tests. */
  readonly clock?: () => number;
  /** Console lines (codes delivered, QR codes, skipped triggers). Defaults to stdout. */
  readonly log?: (line: string) => void;
  /**
   * Browser origins (`scheme://host[:port]`) that may call the sandbox besides localhost origins
   * and the origins of the app clients' CallbackURLs and LogoutURLs.
   * @default []
   */
  readonly corsOrigins?: string[];
  /**
   * Credentials IAM-authorized (admin) calls must be signed with; `'generate'` makes a fresh pair
   * (see `Sandbox.adminCredentials`). Without them any well-formed SigV4 signature is accepted.
   * @default undefined
   */
  readonly adminCredentials?: IamCredentials | 'generate';
  /** How long clients may take to send a request. @default headers 10 s, request 30 s, keep-alive 5 s */
  readonly serverTimeouts?: ServerTimeouts;
  /** Sign-in sessions a pool keeps; the oldest are evicted beyond it. @default 10000 */
  readonly maxSessionsPerPool?: number;
  /**
   * A seed file's parsed JSON (README "Seeded users"): checked whole against its schema and the pools,
   * every problem at once, and its users created before the sandbox listens; `Sandbox.seeded` says
   * what was done. @throws SeedFileError (and nothing listens) when any entry cannot be seeded.
   */
  readonly seed?: unknown;
  /**
   * Quota mode (README "Quota mode"): `'default'` enforces Cognito's default request rate of each API
   * category, an object `{ "UserAuthentication": 10, ... }` the rates it names (the others keep the
   * defaults). A call beyond its category's rate within one second of the sandbox's clock answers
   * TooManyRequestsException (`Rate exceeded`), and `stop()` logs the peak rate each category reached.
   * @throws QuotaRatesError (and nothing listens) for an unknown category or a rate that is not a whole number >= 1.
   * @default undefined (no quotas: nothing is counted or throttled)
   */
  readonly quotas?: 'default' | Record<string, unknown>;
}

export interface SandboxClientInfo {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  /** The AuthFlow values InitiateAuth accepts for this client (from ExplicitAuthFlows), e.g. USER_SRP_AUTH. */
  readonly authFlows: string[];
  /** The client secret, for clients with GenerateSecret (the token endpoint checks it). */
  readonly secret?: string;
  /** AllowedOAuthFlows (code, implicit, client_credentials) when the client may use the OAuth endpoints. */
  readonly oauthFlows: string[];
}

/** A user pool domain on the sandbox: `https://<domain>` in AWS, a path on the sandbox's port here. */
export interface SandboxDomainInfo {
  readonly domain: string;
  /** Base URL of the domain's endpoints: `<baseUrl>/oauth2/authorize`, `<baseUrl>/login`, ... */
  readonly baseUrl: string;
  /**
   * The value for Amplify's `oauth.domain` (amplify_outputs.json `auth.oauth.domain`): host, port and
   * path without a scheme, as Amplify prefixes `https://`. Needs the sandbox's https (the default).
   */
  readonly amplifyDomain: string;
  /** For each app client that can sign users in on this domain: a URL that opens its hosted sign-in page. */
  readonly signInUrls: ReadonlyArray<{ readonly clientLogicalId: string; readonly url: string }>;
}

export interface SandboxPoolInfo {
  readonly id: string;
  readonly logicalId: string;
  readonly stackName: string;
  /** The ARN of the KMS key (KMSKeyID) custom sender codes are encrypted under, when the pool has a custom sender. */
  readonly customSenderKeyArn?: string;
  readonly clients: SandboxClientInfo[];
  /** The pool's domains (AWS::Cognito::UserPoolDomain) and where the sandbox serves them. */
  readonly domains: SandboxDomainInfo[];
  /** The issuer of the pool's tokens; `<issuer>/.well-known/openid-configuration` is its discovery document. */
  readonly issuer: string;
}

export interface Sandbox {
  /** http://host:port, the endpoint to give Cognito clients. */
  readonly endpoint: string;
  /** https://host:port, the same port over TLS (unless `https: false`). */
  readonly httpsEndpoint?: string;
  /** The self-signed certificate (PEM) https uses, for clients to trust. */
  readonly tlsCertificate?: string;
  readonly region: string;
  /** The pools served now; a reload may change them. */
  readonly userPools: SandboxPoolInfo[];
  readonly outbox: OutboxApi;
  /** The credentials admin calls are checked against, when the sandbox checks them. */
  readonly adminCredentials?: IamCredentials;
  /**
   * http://127.0.0.1:port of the sandbox's KMS endpoint: trigger functions get it as
   * AWS_ENDPOINT_URL_KMS, and it answers only them (custom senders decrypt their codes there).
   */
  readonly kmsEndpoint: string;
  /** What the `seed` option did, one result per user (undefined without it). */
  readonly seeded?: SeedResult[];
  /**
   * Why changes are no longer saved (the state file was removed or replaced while the sandbox ran;
   * every write since was refused), or undefined while every acknowledged change is on disk.
   */
  readonly unsaved: string | undefined;
  /**
   * With `quotas`: each quota category the app has called so far, with its peak calls in one second,
   * its quota, and how many calls were throttled (undefined without `quotas`).
   */
  readonly quotaUsage: QuotaUsage[] | undefined;
  /**
   * Re-reads the templates (e.g. after a new synth) and swaps pools, clients and triggers in place,
   * keeping users, MFA and devices. Throws ImmutablePoolChangeError, changing nothing, for a change
   * Cognito cannot make to a live pool, unless `resetPools` (then those pools start empty).
   */
  reload(input: TemplateInput, resetPools?: boolean): Promise<ReloadReport>;
  /**
   * Creates seeded users that do not exist yet (see dev/seed.ts for the file schema); existing ones
   * are reported, never overwritten. @throws SeedFileError naming each entry that cannot be seeded (then none is).
   */
  seed(users: SeedUser[]): Promise<SeedResult[]>;
  /** Commits changes made outside any request (each request's changes are committed before its response). */
  flush(): void;
  /** Stops serving and closes the state; with `quotas`, logs the quota report (once). */
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const region = options.region ?? 'us-east-1';
  const host = options.host ?? '127.0.0.1';
  const now = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => process.stdout.write(`[sandbox] ${line}\n`));
  const { clients } = readResources(loadTemplates(options), region);
  const corsOrigins = allowedOrigins(options.corsOrigins ?? [], clients);
  const iamCredentials = options.adminCredentials === 'generate' ? generateCredentials() : options.adminCredentials;
  // Checked before anything is opened: a bad quotas file stops the start with nothing to clean up.
  const rates = options.quotas === undefined ? undefined : quotaRates(options.quotas);
  const store = new Store(options.stateFile, now, { maxPageCount: options.stateMaxPages, log });
  const oneTime = new OneTimeClaims(now);
  const ctx: SandboxContext = {
    region,
    issuerBase: '',
    now,
    log,
    store,
    sessions: new Sessions(now, options.maxSessionsPerPool),
    codeAttempts: new CodeAttempts(now, oneTime),
    oneTime,
    iamCredentials,
    outbox: new Outbox(options.outboxDir, log, now),
    ...(rates ? { quotas: new QuotaMeter(rates, now) } : {}),
    triggers: new TriggerRunner({ region }, log),
    kms: new LocalKms(kmsKeys(() => ctx, store)),
    pools: new Map<string, PoolRuntime>(),
    clients: new Map<string, ClientConfig>(),
  };
  let built: ReturnType<typeof buildRuntimes>;
  let seeded: SeedResult[] | undefined;
  let app: Awaited<ReturnType<typeof createApp>>;
  let tls: Awaited<ReturnType<typeof sandboxCertificate>> | undefined;
  let kmsEndpoint: Awaited<ReturnType<typeof startKmsEndpoint>> | undefined;
  // A start that fails before the server listens leaves nothing behind: no open database (nor its
  // file check's timer), no trigger process.
  try {
    // SetUserPoolMfaConfig changes outlive restarts, as they would in a deployed pool.
    built = buildRuntimes(ctx, options);
    for (const runtime of built.runtimes) ctx.pools.set(runtime.config.id, runtime);
    for (const c of built.clients) ctx.clients.set(c.id, c);
    store.flush();
    // Before listening: a bad seed file stops the start, and no one meets a half-seeded pool.
    if (options.seed !== undefined) seeded = await seedFromFile(ctx, options.seed);

    const certificateDir = options.stateFile && path.dirname(path.resolve(options.stateFile));
    // The certificate's validity follows the wall clock, not the injected one: TLS clients judge it by theirs.
    tls = options.https === false ? undefined : await sandboxCertificate(certificateDir);
    app = await createApp(ctx, {
      origins: { allowedOrigins: corsOrigins, allowedHosts: new Set(isWildcard(host) || isLoopbackName(host) ? [] : [host.toLowerCase()]) },
      timeouts: options.serverTimeouts,
      tls,
    });
    await app.listen({ port: options.port ?? 0, host });
    kmsEndpoint = await startKmsEndpoint({ kms: ctx.kms, region, credentials: id => ctx.triggers.credentialsFor(id), log });
  } catch (err) {
    // Unset when createApp failed; made but not listening when listen or the KMS endpoint failed.
    await (app! as typeof app | undefined)?.close();
    await ctx.triggers.close();
    store.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.issuerBase = `http://${authority}`;
  ctx.triggers.endpoint = ctx.issuerBase;
  ctx.triggers.kmsEndpoint = kmsEndpoint.url;
  ctx.triggers.prewarm(built.pools);
  let reported = false;

  return {
    endpoint: ctx.issuerBase,
    ...(tls ? { httpsEndpoint: `https://${authority}`, tlsCertificate: tls.cert } : {}),
    region,
    get userPools() {
      return poolInfos(ctx, authority);
    },
    reload: async (input, resetPools = false) => {
      const report = await reloadPools(ctx, input, resetPools);
      // The origin policy holds this set: the new clients' callback and logout URLs take effect now.
      const origins = allowedOrigins(options.corsOrigins ?? [], [...ctx.clients.values()]);
      corsOrigins.clear();
      for (const origin of origins) corsOrigins.add(origin);
      return report;
    },
    seed: users => seedUsers(ctx, users),
    seeded,
    outbox: ctx.outbox,
    adminCredentials: iamCredentials,
    kmsEndpoint: kmsEndpoint.url,
    flush: () => store.flush(),
    get unsaved() {
      return store.unsaved;
    },
    get quotaUsage() {
      return ctx.quotas?.usage();
    },
    stop: async () => {
      await app.close();
      await kmsEndpoint!.app.close();
      await ctx.triggers.close();
      store.close();
      // Once, after the last request: a second stop() has nothing new to report.
      if (ctx.quotas && !reported) {
        reported = true;
        for (const line of quotaReport(ctx.quotas.usage())) log(line);
      }
    },
  };
}

/**
 * The local KMS keys: one per KMSKeyID of the pools served now, its material kept in the state
 * (made on first use), so codes sent before a restart still decrypt after it.
 */
function kmsKeys(context: () => SandboxContext, store: Store) {
  const material = new Map<string, Buffer>();
  return {
    keyArns: () => [...context().pools.values()].map(p => p.config.customSenderKeyArn).filter((arn): arn is string => Boolean(arn)),
    material: (arn: string) => {
      let key = material.get(arn);
      if (!key) material.set(arn, key = store.kmsKeyMaterial(arn));
      return key;
    },
  };
}

/** The pools, clients and domains the sandbox serves now (they change on reload). */
function poolInfos(ctx: SandboxContext, authority: string): SandboxPoolInfo[] {
  return [...ctx.pools.values()].map(({ config: p }) => {
    const clients = [...ctx.clients.values()].filter(c => c.poolId === p.id);
    return poolInfo(ctx, authority, p, clients);
  });
}

function poolInfo(ctx: SandboxContext, authority: string, p: PoolRuntime['config'], clients: ClientConfig[]): SandboxPoolInfo {
  return {
    id: p.id,
    logicalId: p.logicalId,
    stackName: p.stackName,
    ...(p.customSenderKeyArn ? { customSenderKeyArn: p.customSenderKeyArn } : {}),
    clients: clients.map(c => ({
      id: c.id,
      logicalId: c.logicalId,
      name: c.name,
      authFlows: initiateAuthFlows(c),
      ...(c.secret ? { secret: c.secret } : {}),
      oauthFlows: c.oauth.enabled ? c.oauth.flows : [],
    })),
    domains: p.hosted.domains.map(domain => {
      const baseUrl = domainUrl(ctx, domain);
      return {
        domain,
        baseUrl,
        amplifyDomain: `${authority}${domainPath(domain)}`,
        signInUrls: clients.flatMap(c => {
          const url = signInUrl(baseUrl, c);
          return url ? [{ clientLogicalId: c.logicalId, url }] : [];
        }),
      };
    }),
    issuer: `${ctx.issuerBase}/${p.id}`,
  };
}

/** 0.0.0.0 and :: listen everywhere: Host then names the machine some other way, so only loopback names pass. */
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

/** The --cors-origin values (each checked) plus the origins of every client's callback and logout URLs. */
function allowedOrigins(extra: string[], clients: ClientConfig[]): Set<string> {
  for (const origin of extra) {
    if (originOf(origin) !== origin.replace(/\/$/, '')) {
      throw new Error(`corsOrigins: '${origin}' is not an origin; give scheme, host and port only, e.g. http://192.168.1.5:5173`);
    }
  }
  const fromTemplate = clients.flatMap(c => [...c.oauth.callbackUrls, ...c.oauth.logoutUrls]).map(originOf).filter((o): o is string => !!o);
  return new Set([...extra.map(o => o.replace(/\/$/, '')), ...fromTemplate]);
}

/** A fresh access key pair for `adminCredentials: 'generate'`, shaped like AWS's. */
function generateCredentials(): IamCredentials {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map(b => alphabet[b % alphabet.length]).join('');
  return { accessKeyId: `AKIASANDBOX${id.slice(0, 9)}`, secretAccessKey: randomBytes(30).toString('base64') };
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
