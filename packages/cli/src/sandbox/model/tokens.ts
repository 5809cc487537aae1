import { createHash } from 'crypto';
import { issuerOf, PoolRuntime, SandboxContext } from './context';
import { deleteRefreshToken, getRefreshToken, saveRefreshToken } from './refresh-tokens';
import { isRevoked } from './revocation';
import { getUser, userBySub } from './users';
import { notAuthorized } from '../core/errors';
import { ClientConfig } from '../core/pool-config';
import { RefreshRecord, UserRecord } from '../core/records';
import { applyClaimChanges, applyScopes, ignoredClaims, readTokenCustomization } from '../core/token-customization';
import { deviceGroupKey, deviceKeyFor, randomToken, uuid } from '../crypto/ids';
import { signJwt, verifyJwt } from '../crypto/jwt';

export interface IssueOptions {
  readonly authTime: number;
  /** TokenGeneration_* trigger source for the pre token generation trigger. */
  readonly triggerSource: string;
  /** Device used to sign in; no new device metadata is issued for it. */
  readonly deviceKey?: string;
  /**
   * Set when refreshing: keeps the original origin_jti and issues no new refresh token, unless
   * `rotateFrom` (refresh token rotation) gives the record a new one inherits its sign-in and expiry from.
   */
  readonly refresh?: { readonly originJti: string; readonly rotateFrom?: RefreshRecord };
  readonly clientMetadata?: Record<string, string>;
  /**
   * Tokens for the OAuth endpoints: the access token carries these scopes instead of the API's,
   * the ID token exists only with `openid` and carries the nonce, and no device is tracked
   * (managed login does not remember devices).
   */
  readonly oauth?: { readonly scopes: readonly string[]; readonly nonce?: string };
}

/** at_hash (OpenID Connect Core 3.1.3.6): the left half of the access token's SHA-256, base64url. */
const atHash = (accessToken: string) => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/**
 * Attributes Cognito stores as the strings "true"/"false" and writes into ID tokens as JSON booleans
 * (developer guide, "Using the ID token"). userInfo and the triggers' userAttributes keep the strings.
 */
const BOOLEAN_CLAIMS = ['email_verified', 'phone_number_verified'];

/**
 * User attributes as ID token claims, typed as Cognito types them: `identities` (federated users) is
 * stored as JSON text and is an array in the token; the verified flags are booleans.
 */
function attributeClaims(user: UserRecord): Record<string, unknown> {
  const claims: Record<string, unknown> = { ...user.attributes };
  for (const name of BOOLEAN_CLAIMS) {
    if (typeof user.attributes[name] === 'string') claims[name] = user.attributes[name] === 'true';
  }
  if (typeof user.attributes.identities === 'string') {
    try {
      claims.identities = JSON.parse(user.attributes.identities);
    } catch {
      // Left as text: the sandbox wrote it, so this does not happen.
    }
  }
  return claims;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Scopes of an access token from the user pool API (no OAuth). */
const BASE_SCOPES = ['aws.cognito.signin.user.admin'];

/** Issues id/access (RS256 JWTs with Cognito's claims) and an opaque refresh token. */
export async function issueTokens(ctx: SandboxContext, pool: PoolRuntime, client: ClientConfig, user: UserRecord, o: IssueOptions) {
  const now = ctx.now();
  const iat = seconds(now);
  const originJti = o.refresh?.originJti ?? uuid();
  const eventId = uuid();
  const version = pool.config.triggers.PreTokenGeneration?.eventVersion ?? '1';
  const baseScopes = o.oauth ? [...o.oauth.scopes] : BASE_SCOPES;
  const response = await ctx.triggers.invoke(pool.config, {
    trigger: 'PreTokenGeneration',
    triggerSource: o.triggerSource,
    username: user.username,
    clientId: client.id,
    request: {
      userAttributes: { 'sub': user.sub, 'cognito:user_status': user.status, ...user.attributes },
      groupConfiguration: { groupsToOverride: [...user.groups], iamRolesToOverride: [], preferredRole: null },
      ...(version === '1' ? {} : { scopes: [...baseScopes] }),
      clientMetadata: o.clientMetadata ?? {},
    },
  });
  const custom = readTokenCustomization(response, version);
  const ignored = [...new Set([...ignoredClaims(custom.id), ...ignoredClaims(custom.access)])];
  if (ignored.length) ctx.log(`PreTokenGeneration: ignored ${ignored.join(', ')} (Cognito sets these claims itself; groups change only through groupOverrideDetails)`);
  const idClaims: Record<string, unknown> = attributeClaims(user);
  applyClaimChanges(idClaims, custom.id);
  const accessClaims: Record<string, unknown> = {};
  applyClaimChanges(accessClaims, custom.access);
  const groups = custom.groups ?? user.groups;
  const common = {
    sub: user.sub,
    ...(groups.length ? { 'cognito:groups': groups } : {}),
    iss: issuerOf(ctx, pool.config.id),
    origin_jti: originJti,
    event_id: eventId,
    auth_time: seconds(o.authTime),
    iat: iat,
  };
  const accessToken = await signJwt(pool.key, {
    ...accessClaims,
    ...common,
    ...(o.deviceKey ? { device_key: o.deviceKey } : {}),
    client_id: client.id,
    token_use: 'access',
    scope: applyScopes(baseScopes, custom),
    exp: iat + client.accessTokenValiditySeconds,
    jti: uuid(),
    username: user.username,
  });
  const withIdToken = !o.oauth || o.oauth.scopes.includes('openid');
  const idToken = withIdToken ? await signJwt(pool.key, {
    ...idClaims,
    ...common,
    ...(o.oauth ? { at_hash: atHash(accessToken) } : {}),
    ...(o.oauth?.nonce ? { nonce: o.oauth.nonce } : {}),
    'cognito:username': user.username,
    'aud': client.id,
    'token_use': 'id',
    'exp': iat + client.idTokenValiditySeconds,
    'jti': uuid(),
  }) : undefined;
  const result: Record<string, unknown> = {
    AccessToken: accessToken, ExpiresIn: client.accessTokenValiditySeconds, TokenType: 'Bearer', ...(idToken ? { IdToken: idToken } : {}),
  };
  const rotateFrom = o.refresh?.rotateFrom;
  if (!o.refresh || rotateFrom) {
    const refreshToken = randomToken(96);
    saveRefreshToken(pool, refreshToken, {
      username: user.username,
      clientId: client.id,
      deviceKey: o.deviceKey,
      originJti,
      authTime: o.authTime,
      expiresAt: rotateFrom?.expiresAt ?? now + client.refreshTokenValiditySeconds * 1000,
      ...(o.oauth ? { scopes: [...o.oauth.scopes] } : {}),
    });
    result.RefreshToken = refreshToken;
  }
  if (pool.config.device && !o.deviceKey && !o.refresh && !o.oauth) result.NewDeviceMetadata = newDevice(ctx, user);
  return result;
}

/** Creates an unconfirmed device; ConfirmDevice attaches its SRP verifier. */
function newDevice(ctx: SandboxContext, user: UserRecord) {
  const now = ctx.now();
  const key = deviceKeyFor(ctx.region);
  const groupKey = deviceGroupKey();
  user.devices[key] = { key, groupKey, confirmed: false, remembered: false, createdAt: now, lastAuthenticatedAt: now, lastModifiedAt: now };
  return { DeviceKey: key, DeviceGroupKey: groupKey };
}

/** Validates an access token for the self-service operations: as {@link verifyAccessToken}, and it must carry `aws.cognito.signin.user.admin`. */
export function authenticateAccessToken(ctx: SandboxContext, token: unknown): VerifiedAccessToken {
  const verified = verifyAccessToken(ctx, token);
  // Self-service operations need this scope; a V2 pre token generation trigger can suppress it.
  if (!String(verified.claims.scope ?? '').split(' ').includes(BASE_SCOPES[0])) throw notAuthorized('Access Token does not have required scopes');
  return verified;
}

export interface VerifiedAccessToken {
  readonly pool: PoolRuntime;
  readonly user: UserRecord;
  readonly claims: Record<string, any>;
}

/**
 * Ends the tokens of one sign-in: the refresh token, and the access tokens issued with it
 * (Cognito's RevokeToken and /oauth2/revoke). Access tokens name their sign-in by origin_jti.
 */
export function revokeRefreshToken(ctx: SandboxContext, pool: PoolRuntime, refreshToken: string): void {
  const record = getRefreshToken(pool, refreshToken);
  if (!record) return;
  deleteRefreshToken(pool, refreshToken);
  const revoked = pool.state.revokedOrigins ??= {};
  const now = ctx.now();
  for (const [jti, until] of Object.entries(revoked)) if (until < now) delete revoked[jti];
  revoked[record.originJti] = record.expiresAt;
}

/** Validates an access token (signature, expiry, pool, user, revocation) and returns its pool and user. */
export function verifyAccessToken(ctx: SandboxContext, token: unknown): VerifiedAccessToken {
  const text = String(token ?? '');
  let claims: Record<string, any> | undefined;
  let pool: PoolRuntime | undefined;
  try {
    const payload = JSON.parse(Buffer.from(text.split('.')[1] ?? '', 'base64url').toString());
    pool = ctx.pools.get(String(payload.iss ?? '').split('/').pop() ?? '');
    claims = pool ? verifyJwt(pool.key, text) : undefined;
  } catch {
    claims = undefined;
  }
  if (!pool || !claims || claims.token_use !== 'access') throw notAuthorized('Invalid Access Token');
  if (claims.exp * 1000 <= ctx.now()) throw notAuthorized('Access Token has expired');
  if (pool.state.revokedOrigins?.[claims.origin_jti]) throw notAuthorized('Access Token has been revoked');
  const user = getUser(pool, String(claims.username ?? '')) ?? userBySub(pool, String(claims.sub ?? ''));
  if (!user || user.sub !== claims.sub) throw notAuthorized('User does not exist.');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (isRevoked(user, claims)) throw notAuthorized('Access Token has been revoked');
  return { pool, user, claims };
}
