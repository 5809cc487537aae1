import { clientById, poolById, PoolRuntime, SandboxContext } from '../context';
import { BAD_CREDENTIALS, invalidParameter, notAuthorized, resourceNotFound, userNotFound } from '../errors';
import type { HandlerTable } from '../handlers/handler';
import { randomToken } from '../ids';
import { passwordMatches } from '../passwords';
import { isValidA, serverEphemeral } from '../srp';
import { issueTokens } from '../tokens';
import { ClientConfig, UserRecord } from '../types';
import { checkCanSignIn, findUser, userKey } from '../users';
import { startCustomAuth } from './custom-auth';
import { codeChallenge, confirmedDevice, continueSignIn, Flow, newPasswordChallenge } from './flow';
import { checkNotLocked, checkTemporaryPassword, recordWrongPassword } from './password-check';
import { migrateUser } from './user-migration';

/** Legacy ExplicitAuthFlows names still accepted by Cognito. */
const LEGACY: Record<string, string> = {
  ALLOW_USER_PASSWORD_AUTH: 'USER_PASSWORD_AUTH',
  ALLOW_ADMIN_USER_PASSWORD_AUTH: 'ADMIN_NO_SRP_AUTH',
  ALLOW_CUSTOM_AUTH: 'CUSTOM_AUTH_FLOW_ONLY',
};

function requireFlow(client: ClientConfig, allow: string, flow: string): void {
  if (!client.explicitAuthFlows.includes(allow) && !client.explicitAuthFlows.includes(LEGACY[allow])) {
    throw invalidParameter(`${flow} flow not enabled for this client`);
  }
}

export interface StartArgs {
  readonly pool: PoolRuntime;
  readonly client: ClientConfig;
  readonly admin: boolean;
  readonly params: Record<string, string>;
  readonly clientMetadata?: Record<string, string>;
  /** Started by the hosted pages (see Flow.hosted). */
  readonly hosted?: boolean;
}

function lookup(a: StartArgs): UserRecord {
  const user = findUser(a.pool, a.params.USERNAME);
  if (!user) throw a.client.preventUserExistenceErrors ? notAuthorized(BAD_CREDENTIALS) : userNotFound();
  return user;
}

async function preAuthentication(ctx: SandboxContext, a: StartArgs, user: UserRecord) {
  await ctx.triggers.invoke(a.pool.config, {
    trigger: 'PreAuthentication',
    triggerSource: 'PreAuthentication_Authentication',
    username: user.username,
    clientId: a.client.id,
    request: { userAttributes: { sub: user.sub, ...user.attributes }, validationData: {}, userNotFound: false },
  });
}

/** A device key the user does not own is refused the way Cognito does, so SDKs forget it. */
export function checkDeviceKey(user: UserRecord, key: string | undefined): void {
  if (key && !confirmedDevice(user, key)) throw resourceNotFound('Device does not exist.');
}

/** Shared by the sign-in steps after a password proved right. */
export async function afterPassword(ctx: SandboxContext, f: Flow) {
  checkCanSignIn(f.user);
  checkTemporaryPassword(ctx, f.user);
  if (f.user.status === 'FORCE_CHANGE_PASSWORD') return newPasswordChallenge(ctx, f);
  return continueSignIn(ctx, f);
}

async function passwordAuth(ctx: SandboxContext, a: StartArgs) {
  const user = findUser(a.pool, a.params.USERNAME) ?? await migrateUser(ctx, {
    pool: a.pool,
    clientId: a.client.id,
    username: String(a.params.USERNAME ?? ''),
    source: 'UserMigration_Authentication',
    password: a.params.PASSWORD ?? '',
    clientMetadata: a.clientMetadata,
  }) ?? lookup(a);
  checkNotLocked(ctx, user);
  await preAuthentication(ctx, a, user);
  const matches = await passwordMatches(a.params.PASSWORD ?? '', user.passwordHash, user.passwordSalt);
  // The hash ran off the event loop: parallel wrong attempts may have locked the user meanwhile.
  checkNotLocked(ctx, user);
  if (!matches) throw recordWrongPassword(ctx, user);
  checkDeviceKey(user, a.params.DEVICE_KEY);
  return afterPassword(ctx, { ...a, user, authTime: ctx.now(), deviceKey: a.params.DEVICE_KEY });
}

/** First SRP round: the server's B, the salt and a secret block to sign. */
async function srpAuth(ctx: SandboxContext, a: StartArgs) {
  if (!isValidA(a.params.SRP_A ?? '')) throw invalidParameter('Missing or invalid SRP_A.');
  const user = findUser(a.pool, a.params.USERNAME);
  if (!user && !a.client.preventUserExistenceErrors) throw userNotFound();
  const secretBlock = randomToken(256);
  // An unknown user gets a decoy challenge that can never succeed (PreventUserExistenceErrors).
  const verifier = user?.srpVerifier ?? randomToken(32);
  const ephemeral = await serverEphemeral(Buffer.from(verifier, user ? 'hex' : 'base64').toString('hex'));
  const username = user?.username ?? String(a.params.USERNAME);
  const session = ctx.sessions.create({
    poolId: a.pool.config.id,
    clientId: a.client.id,
    username: user ? user.username : '',
    challenge: 'PASSWORD_VERIFIER',
    expiresAt: ctx.now() + a.client.authSessionValiditySeconds * 1000,
    admin: a.admin,
    deviceKey: a.params.DEVICE_KEY,
    clientMetadata: a.clientMetadata,
    srp: { ephemeral, secretBlock, a: a.params.SRP_A },
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    Session: session,
    ChallengeParameters: {
      SALT: user?.srpSalt ?? randomToken(16).replace(/[^0-9a-f]/gi, '').toLowerCase().padEnd(32, '1'),
      SECRET_BLOCK: secretBlock,
      SRP_B: ephemeral.B,
      USERNAME: username,
      USER_ID_FOR_SRP: username,
    },
  };
}

/** First factors of choice-based sign-in this sandbox runs; passkeys (WEB_AUTHN) are not emulated. */
const FIRST_FACTORS = ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP'];

/** First factors the pool allows (SignInPolicy) that the user can use: codes need an address or a number. */
export function availableFirstFactors(pool: PoolRuntime, user: UserRecord | undefined): string[] {
  const allowed = pool.config.firstAuthFactors;
  return FIRST_FACTORS.filter(factor => {
    if (factor.startsWith('PASSWORD')) return allowed.includes('PASSWORD');
    return allowed.includes(factor) && (!user || !!user.attributes[factor === 'EMAIL_OTP' ? 'email' : 'phone_number']);
  });
}

/**
 * Choice-based sign-in (USER_AUTH): PREFERRED_CHALLENGE starts that first factor when it is
 * available; otherwise the answer is SELECT_CHALLENGE with the available ones.
 */
async function userAuth(ctx: SandboxContext, a: StartArgs) {
  const user = findUser(a.pool, a.params.USERNAME);
  if (!user && !a.client.preventUserExistenceErrors) throw userNotFound();
  const available = availableFirstFactors(a.pool, user);
  const preferred = a.params.PREFERRED_CHALLENGE;
  if (user && preferred && available.includes(preferred)) return startFirstFactor(ctx, a, preferred, a.params);
  const session = ctx.sessions.create({
    poolId: a.pool.config.id,
    clientId: a.client.id,
    username: user?.username ?? '',
    challenge: 'SELECT_CHALLENGE',
    expiresAt: ctx.now() + a.client.authSessionValiditySeconds * 1000,
    admin: a.admin,
    deviceKey: a.params.DEVICE_KEY,
    clientMetadata: a.clientMetadata,
  });
  return { ChallengeName: 'SELECT_CHALLENGE', Session: session, ChallengeParameters: {}, AvailableChallenges: available };
}

/**
 * Starts one first factor; `params` carries PASSWORD or SRP_A when the factor needs them. A password
 * continues to MFA as in the other flows. A one-time code is the whole sign-in: Cognito applies MFA
 * to users whose first factor is a password.
 */
export async function startFirstFactor(ctx: SandboxContext, a: StartArgs, factor: string, params: Record<string, string>) {
  const args: StartArgs = { ...a, params: { ...params, USERNAME: a.params.USERNAME } };
  if (factor === 'PASSWORD') {
    if (!params.PASSWORD) throw invalidParameter('Missing required parameter PASSWORD');
    return passwordAuth(ctx, args);
  }
  if (factor === 'PASSWORD_SRP') return srpAuth(ctx, args);
  const user = lookup(args);
  checkNotLocked(ctx, user);
  await preAuthentication(ctx, args, user);
  checkCanSignIn(user);
  checkDeviceKey(user, params.DEVICE_KEY);
  const flow: Flow = { ...args, user, authTime: ctx.now(), deviceKey: params.DEVICE_KEY };
  return codeChallenge(ctx, flow, factor, factor === 'EMAIL_OTP' ? 'EMAIL' : 'SMS');
}

/** REFRESH_TOKEN_AUTH, and the refresh_token grant of /oauth2/token: new ID and access tokens for a live refresh token of this client. */
export async function refreshAuth(ctx: SandboxContext, a: StartArgs) {
  const record = a.pool.state.refreshTokens[a.params.REFRESH_TOKEN ?? ''];
  if (!record || record.clientId !== a.client.id) throw notAuthorized('Invalid Refresh Token');
  if (record.expiresAt <= ctx.now()) throw notAuthorized('Refresh Token has expired');
  const user = a.pool.state.users[userKey(a.pool, record.username)];
  if (!user) throw notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  const result = await issueTokens(ctx, a.pool, a.client, user, {
    authTime: record.authTime,
    triggerSource: 'TokenGeneration_RefreshTokens',
    deviceKey: record.deviceKey,
    refresh: { originJti: record.originJti },
    clientMetadata: a.clientMetadata,
    oauth: record.scopes ? { scopes: record.scopes } : undefined,
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** An auth flow: the client setting it needs (if any) and how it starts. */
interface AuthFlowHandler {
  readonly requires?: [allow: string, flow: string];
  readonly start: (ctx: SandboxContext, a: StartArgs) => Promise<unknown>;
}

const SRP: AuthFlowHandler = { requires: ['ALLOW_USER_SRP_AUTH', 'USER_SRP_AUTH'], start: srpAuth };
const REFRESH: AuthFlowHandler = { start: refreshAuth };
const ADMIN_PASSWORD: AuthFlowHandler = { requires: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH'], start: passwordAuth };
const CHOICE: AuthFlowHandler = { requires: ['ALLOW_USER_AUTH', 'USER_AUTH'], start: userAuth };
const CUSTOM: AuthFlowHandler = { requires: ['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH'], start: startCustomAuth };

const USER_FLOWS: Record<string, AuthFlowHandler> = {
  USER_PASSWORD_AUTH: { requires: ['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'], start: passwordAuth },
  USER_SRP_AUTH: SRP,
  USER_AUTH: CHOICE,
  CUSTOM_AUTH: CUSTOM,
  REFRESH_TOKEN_AUTH: REFRESH,
  REFRESH_TOKEN: REFRESH,
};

const ADMIN_FLOWS: Record<string, AuthFlowHandler> = {
  ADMIN_USER_PASSWORD_AUTH: ADMIN_PASSWORD,
  ADMIN_NO_SRP_AUTH: ADMIN_PASSWORD,
  USER_SRP_AUTH: SRP,
  USER_AUTH: CHOICE,
  CUSTOM_AUTH: CUSTOM,
  REFRESH_TOKEN_AUTH: REFRESH,
  REFRESH_TOKEN: REFRESH,
};

function startFlow(ctx: SandboxContext, flows: Record<string, AuthFlowHandler>, name: unknown, a: StartArgs) {
  const flow = typeof name === 'string' && Object.prototype.hasOwnProperty.call(flows, name) ? flows[name] : undefined;
  if (!flow) throw invalidParameter('Initiate Auth method not supported.');
  if (flow.requires) requireFlow(a.client, ...flow.requires);
  return flow.start(ctx, a);
}

export const initiateHandlers: HandlerTable = {
  async InitiateAuth(ctx, input) {
    const { client, pool } = clientById(ctx, input.ClientId);
    const a: StartArgs = { pool, client, admin: false, params: input.AuthParameters ?? {}, clientMetadata: input.ClientMetadata };
    return startFlow(ctx, USER_FLOWS, input.AuthFlow, a);
  },

  async AdminInitiateAuth(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const { client } = clientById(ctx, input.ClientId);
    if (client.poolId !== pool.config.id) throw resourceNotFound(`User pool client ${client.id} does not exist.`);
    const a: StartArgs = { pool, client, admin: true, params: input.AuthParameters ?? {}, clientMetadata: input.ClientMetadata };
    return startFlow(ctx, ADMIN_FLOWS, input.AuthFlow, a);
  },
};
