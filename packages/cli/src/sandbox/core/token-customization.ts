/**
 * Reads a Pre token generation response the way Cognito applies it.
 *
 * - V1 (`claimsOverrideDetails`): claims for the ID token only; the group override reaches both tokens.
 * - V2/V3 (`claimsAndScopeOverrideDetails`): ID and access token claims separately, access token
 *   scopes, and the group override for both tokens.
 *
 * Cognito's own claims (sub, iss, aud, token_use, exp, ...) always keep Cognito's values, and
 * `cognito:` claims change only through the group override: the token builder writes them last,
 * and {@link ignoredClaims} names what a trigger tried to set so the sandbox can say so.
 */

/** The event versions a Pre token generation trigger can be configured for. */
export type PreTokenEventVersion = '1' | '2' | '3';

/** Claims a token builder sets itself; a trigger cannot add, override or suppress them. */
export const COGNITO_OWNED_CLAIMS = new Set([
  'sub', 'iss', 'aud', 'token_use', 'exp', 'iat', 'nbf', 'auth_time', 'jti', 'origin_jti', 'event_id',
  'client_id', 'username', 'scope', 'device_key', 'acr', 'amr', 'azp', 'nonce', 'at_hash',
]);

export interface ClaimChanges {
  readonly add: Record<string, unknown>;
  readonly suppress: readonly string[];
}

export interface TokenCustomization {
  readonly id: ClaimChanges;
  readonly access: ClaimChanges;
  /** Replaces `cognito:groups` in both tokens when set. */
  readonly groups?: readonly string[];
  readonly scopesToAdd: readonly string[];
  readonly scopesToSuppress: readonly string[];
}

const NONE: ClaimChanges = { add: {}, suppress: [] };

/** The changes a trigger's `response` asks for; anything malformed counts as no change. */
export function readTokenCustomization(response: unknown, version: PreTokenEventVersion): TokenCustomization {
  const r = record(response);
  if (version === '1') {
    const details = record(r.claimsOverrideDetails);
    return { id: claimChanges(details), access: NONE, groups: groupsOf(details), scopesToAdd: [], scopesToSuppress: [] };
  }
  const details = record(r.claimsAndScopeOverrideDetails);
  const access = record(details.accessTokenGeneration);
  return {
    id: claimChanges(record(details.idTokenGeneration)),
    access: claimChanges(access),
    groups: groupsOf(details),
    scopesToAdd: strings(access.scopesToAdd),
    scopesToSuppress: strings(access.scopesToSuppress),
  };
}

/** Claim names the trigger tried to add or suppress that Cognito keeps for itself. */
export function ignoredClaims(changes: ClaimChanges): string[] {
  return [...Object.keys(changes.add), ...changes.suppress].filter(isCognitoOwned);
}

/** Applies add/suppress to `claims` in place, leaving Cognito's own claims alone. */
export function applyClaimChanges(claims: Record<string, unknown>, changes: ClaimChanges): void {
  // defineProperty: a claim named __proto__ is a claim, not the object's prototype.
  for (const [name, value] of Object.entries(changes.add)) {
    if (!isCognitoOwned(name)) Object.defineProperty(claims, name, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const name of changes.suppress) if (!isCognitoOwned(name)) delete claims[name];
}

/** The access token's space-separated scope after the trigger's changes. */
export function applyScopes(base: readonly string[], c: TokenCustomization): string {
  const suppressed = new Set(c.scopesToSuppress);
  return [...new Set([...base.filter(s => !suppressed.has(s)), ...c.scopesToAdd])].join(' ');
}

function isCognitoOwned(name: string): boolean {
  return COGNITO_OWNED_CLAIMS.has(name) || name.startsWith('cognito:');
}

function claimChanges(details: Record<string, unknown>): ClaimChanges {
  return { add: record(details.claimsToAddOrOverride), suppress: strings(details.claimsToSuppress) };
}

function groupsOf(details: Record<string, unknown>): string[] | undefined {
  const groups = record(details.groupOverrideDetails).groupsToOverride;
  return Array.isArray(groups) ? strings(groups) : undefined;
}

function record(value: unknown): Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, any> : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
