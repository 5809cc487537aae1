import { startCustomAuth } from './custom-auth';
import { challenge, codeChallenge, confirmedDevice, continueSignIn, Flow, newPasswordChallenge } from './flow';
import { checkNotLocked, checkTemporaryPassword, recordWrongPassword } from './password-check';
import { decoyChallenge, decoyFactor } from './unknown-user';
import { migrateUser } from './user-migration';
import { BAD_CREDENTIALS, invalidParameter, notAuthorized, resourceNotFound, userNotFound } from '../../core/errors';
import { ClientConfig } from '../../core/pool-config';
import { UserRecord } from '../../core/records';
import { randomToken } from '../../crypto/ids';
import { passwordMatches } from '../../crypto/passwords';
import { isValidA, serverEphemeral } from '../../crypto/srp';
import { clientById, poolById, PoolRuntime, SandboxContext } from '../../model/context';
import { claimRefreshToken, deleteRefreshToken, getRefreshToken, saveRefreshToken } from '../../model/refresh-tokens';
import { issueTokens } from '../../model/tokens';
import { checkCanSignIn, findUser, getUser } from '../../model/users';
import { authenticationOptions, credentialsOf } from '../../model/webauthn';
import type { HandlerTable } from '../handler';

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

/** First factors of choice-based sign-in this sandbox runs. */
const FIRST_FACTORS = ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/**
 * First factors the pool allows (SignInPolicy) that the user can use: codes need an address or a
 * number, WEB_AUTHN a registered passkey. For an unknown user (PreventUserExistenceErrors), all the
 * pool allows: the decoy challenge is picked among them (unknown-user.ts).
 */
export function availableFirstFactors(pool: PoolRuntime, user: UserRecord | undefined): string[] {
  const allowed = pool.config.firstAuthFactors;
  return FIRST_FACTORS.filter(factor => {
    if (factor.startsWith('PASSWORD')) return allowed.includes('PASSWORD');
    if (factor === 'WEB_AUTHN') return allowed.includes(factor) && (!user || credentialsOf(user).length > 0);
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
  if (!user) {
    // Hidden existence: one challenge, as Cognito answers (unknown-user.ts); a password is checked (and may migrate the user) as for anyone.
    const factor = decoyFactor(available, preferred);
    if (factor === 'PASSWORD_SRP' || factor === preferred && factor === 'PASSWORD') return startFirstFactor(ctx, a, factor, a.params);
    return decoyChallenge(ctx, a, factor);
  }
  if (preferred && available.includes(preferred)) return startFirstFactor(ctx, a, preferred, a.params);
  const session = ctx.sessions.create({
    poolId: a.pool.config.id,
    clientId: a.client.id,
    username: user.username,
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
  if (factor === 'WEB_AUTHN') return passkeyChallenge(ctx, flow);
  return codeChallenge(ctx, flow, factor, factor === 'EMAIL_OTP' ? 'EMAIL' : 'SMS');
}

/** The WEB_AUTHN challenge: options for navigator.credentials.get(), as JSON in CREDENTIAL_REQUEST_OPTIONS. */
async function passkeyChallenge(ctx: SandboxContext, flow: Flow) {
  const { options, rpId } = await authenticationOptions(flow.pool, flow.user);
  return challenge(ctx, flow, 'WEB_AUTHN', { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
    { webAuthn: { challenge: options.challenge, relyingPartyId: rpId } });
}

/** How a refresh arrives: only GetTokensFromRefreshToken and the token endpoint can rotate refresh tokens. */
export type RefreshVia = 'REFRESH_TOKEN_AUTH' | 'GetTokensFromRefreshToken' | 'oauth';

/**
 * REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken and the refresh_token grant of /oauth2/token: new ID
 * and access tokens for a live refresh token of this client. With the client's RefreshTokenRotation
 * a new refresh token comes too (same sign-in, origin_jti and expiry: rotation does not extend the
 * session), and the one given works only for RetryGracePeriodSeconds more; REFRESH_TOKEN_AUTH is
 * refused for such clients, as Cognito documents ("You can't authenticate with REFRESH_TOKEN_AUTH in
 * app clients with refresh token rotation enabled"; the error type is the sandbox's choice).
 */
export async function refreshAuth(ctx: SandboxContext, a: StartArgs, via: RefreshVia = 'REFRESH_TOKEN_AUTH') {
  const rotate = !!a.client.refreshTokenRotation?.enabled && via !== 'REFRESH_TOKEN_AUTH';
  if (a.client.refreshTokenRotation?.enabled && via === 'REFRESH_TOKEN_AUTH') {
    throw invalidParameter('Refresh token rotation is enabled for this app client: refresh with GetTokensFromRefreshToken, not REFRESH_TOKEN_AUTH.');
  }
  const token = a.params.REFRESH_TOKEN ?? '';
  const record = getRefreshToken(a.pool, token);
  if (!record || record.clientId !== a.client.id) throw notAuthorized('Invalid Refresh Token');
  const now = ctx.now();
  if (record.expiresAt <= now) throw notAuthorized('Refresh Token has expired');
  if (record.graceUntil !== undefined && record.graceUntil <= now) {
    deleteRefreshToken(a.pool, token);
    throw notAuthorized('Invalid Refresh Token');
  }
  // A rotated sibling of a revoked refresh token belongs to the same sign-in.
  if (a.pool.state.revokedOrigins?.[record.originJti]) throw notAuthorized('Refresh Token has been revoked');
  const user = getUser(a.pool, record.username);
  if (!user) throw notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (rotate && a.params.DEVICE_KEY && record.deviceKey && a.params.DEVICE_KEY !== record.deviceKey) throw notAuthorized('Invalid Refresh Token');
  const grace = rotate ? a.client.refreshTokenRotation!.retryGracePeriodSeconds * 1000 : 0;
  // Without a grace period the token is exchanged once: claimed before the await (model/one-time.ts).
  const release = rotate && grace === 0 ? claimRefreshToken(ctx, a.pool, token, record) : () => undefined;
  if (!release) throw notAuthorized('Invalid Refresh Token');
  let result;
  try {
    result = await issueTokens(ctx, a.pool, a.client, user, {
      authTime: record.authTime,
      triggerSource: 'TokenGeneration_RefreshTokens',
      deviceKey: record.deviceKey,
      refresh: { originJti: record.originJti, rotateFrom: rotate ? record : undefined },
      clientMetadata: a.clientMetadata,
      oauth: record.scopes ? { scopes: record.scopes } : undefined,
    });
  } catch (e) {
    release();
    throw e;
  }
  if (rotate && record.graceUntil === undefined) {
    if (grace > 0) saveRefreshToken(a.pool, token, { ...record, graceUntil: now + grace });
    else deleteRefreshToken(a.pool, token);
  }
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
