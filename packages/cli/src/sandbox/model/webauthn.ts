import { createHash } from 'crypto';
/**
 * Passkeys (WebAuthn): registration and sign-in ceremonies, verified with @simplewebauthn/server.
 * The relying party and user verification are the template's (WebAuthnRelyingPartyID,
 * WebAuthnUserVerification). Choices the Cognito docs leave open, also in the README:
 * - Relying party ID: the template's. A registration started from a browser page on `localhost`
 *   (or `*.localhost`) binds to that host instead, because a browser refuses an RP ID its page's
 *   host is not part of; the credential remembers its RP ID, and sign-in asks for that one. With no
 *   RP ID in the template the pool's domain is the RP ID (`<prefix>.auth.<region>.amazoncognito.com`
 *   or the custom domain), and with neither the registration fails with
 *   WebAuthnConfigurationMissingException, as Cognito's does.
 * - Origins: the one in the client data must be the RP ID's host or a subdomain of it (as a browser
 *   enforces), over https, or over http for a loopback host (localhost pages are secure contexts).
 * - Ceremonies expire after 5 minutes; a user holds at most 20 passkeys (Cognito's quota).
 * - Sign counters: an authenticator that counts must present a higher counter each time; a counter
 *   that does not increase is refused (a cloned authenticator). Authenticators that send 0 do not count.
 */
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { PoolRuntime } from './context';
import { CognitoError, CognitoErrorName, invalidParameter, notAuthorized } from '../core/errors';
import { isLoopbackName } from '../core/origins';
import { PendingWebAuthnRegistration, UserRecord, WebAuthnCredentialRecord } from '../core/records';

const CEREMONY_MS = 5 * 60 * 1000;
export const MAX_PASSKEYS_PER_USER = 20;
/** COSE algorithms offered at registration: ES256 and RS256, what platform authenticators make. */
const ALGORITHMS = [-7, -257];

const webAuthnError = (type: CognitoErrorName, message: string) => new CognitoError(type, message);

/** Passkeys are on when the pool lets choice-based sign-in start with WEB_AUTHN. */
export function requireWebAuthnEnabled(pool: PoolRuntime): void {
  if (!pool.config.firstAuthFactors.includes('WEB_AUTHN')) {
    throw webAuthnError('WebAuthnNotEnabledException', 'Passkeys are not enabled for this user pool: its SignInPolicy does not allow WEB_AUTHN as a first factor.');
  }
}

export const credentialsOf = (user: UserRecord): WebAuthnCredentialRecord[] => user.webAuthnCredentials ?? [];

const requireUv = (pool: PoolRuntime) => pool.config.webAuthn?.userVerification === 'required';

/** The template's RP ID, else the pool's first domain's host; undefined with neither. */
function configuredRelyingParty(pool: PoolRuntime, region: string): string | undefined {
  const domain = pool.config.hosted?.domains[0];
  const domainHost = domain === undefined ? undefined : domain.includes('.') ? domain : `${domain}.auth.${region}.amazoncognito.com`;
  return pool.config.webAuthn?.relyingPartyId ?? domainHost?.toLowerCase();
}

/** The RP ID a registration binds to: the pool's, or a localhost page's own host (see the file comment). */
export function relyingPartyFor(pool: PoolRuntime, region: string, requestOrigin: string | undefined): string {
  const configured = configuredRelyingParty(pool, region);
  const host = hostOf(requestOrigin);
  if (host && (host === 'localhost' || host.endsWith('.localhost')) && !(configured && hostMatches(host, configured))) return host;
  if (configured === undefined) {
    throw webAuthnError('WebAuthnConfigurationMissingException',
      'The user pool has no passkey relying party: set WebAuthnRelyingPartyID (the Auth construct\'s passwordless.passkeyRelyingPartyId) or add a domain.');
  }
  return configured;
}

function hostOf(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const hostMatches = (host: string, rpId: string) => host === rpId || host.endsWith(`.${rpId}`);

/** An origin a browser could have signed for `rpId`: its host or a subdomain, https or loopback http. */
export function originAllowedFor(rpId: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackName(url.hostname));
  return secure && hostMatches(url.hostname.toLowerCase(), rpId);
}

/** The origin in a response's client data, checked against the relying party. */
function checkedOrigin(clientDataJSON: unknown, rpId: string): string {
  let origin: unknown;
  try {
    origin = JSON.parse(Buffer.from(String(clientDataJSON ?? ''), 'base64url').toString('utf8')).origin;
  } catch {
    throw invalidParameter('Credential.response.clientDataJSON is not base64url-encoded JSON.');
  }
  if (typeof origin !== 'string' || !originAllowedFor(rpId, origin)) {
    throw webAuthnError('WebAuthnOriginNotAllowedException',
      `The passkey was used from the origin ${String(origin)}, which is not allowed for the relying party ${rpId}: use https://${rpId} (or a subdomain), or a localhost page with the relying party localhost.`);
  }
  return origin;
}

/** StartWebAuthnRegistration: options for navigator.credentials.create(), remembered until completion. */
export async function startRegistration(pool: PoolRuntime, user: UserRecord, rpId: string, now: number) {
  const existing = credentialsOf(user);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new CognitoError('LimitExceededException', `A user can register at most ${MAX_PASSKEYS_PER_USER} passkeys; delete one with DeleteWebAuthnCredential first.`);
  }
  const options = await generateRegistrationOptions({
    rpName: pool.config.name,
    rpID: rpId,
    userID: new TextEncoder().encode(user.sub),
    userName: user.username,
    userDisplayName: user.attributes.email ?? user.attributes.phone_number ?? user.username,
    attestationType: 'none',
    excludeCredentials: existing.map(c => ({ id: c.id, transports: c.transports as any })),
    authenticatorSelection: { residentKey: 'required', userVerification: requireUv(pool) ? 'required' : 'preferred' },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: CEREMONY_MS,
  });
  const pending: PendingWebAuthnRegistration = { challenge: options.challenge, relyingPartyId: rpId, expiresAt: now + CEREMONY_MS };
  return { options, pending };
}

/**
 * CompleteWebAuthnRegistration: verifies the attestation against the pending challenge, which the
 * caller has taken off the user (one attempt per challenge); the new credential.
 */
export async function completeRegistration(
  pool: PoolRuntime, user: UserRecord, pending: PendingWebAuthnRegistration | undefined, credential: unknown, now: number,
): Promise<WebAuthnCredentialRecord> {
  if (!pending || pending.expiresAt <= now) {
    throw webAuthnError('WebAuthnChallengeNotFoundException', 'No passkey registration is in progress for this user (or it expired): call StartWebAuthnRegistration first.');
  }
  const response = asResponse<RegistrationResponseJSON>(credential);
  const origin = checkedOrigin(response.response?.clientDataJSON, pending.relyingPartyId);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: pending.relyingPartyId,
      requireUserVerification: requireUv(pool),
    });
  } catch (e) {
    throw ceremonyError(e, pending.relyingPartyId, 'registration');
  }
  if (!verification.verified) throw webAuthnError('WebAuthnCredentialNotSupportedException', 'The passkey registration could not be verified.');
  const info = verification.registrationInfo;
  if (credentialsOf(user).some(c => c.id === info.credential.id)) throw invalidParameter('This passkey is already registered for the user.');
  return {
    id: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    relyingPartyId: pending.relyingPartyId,
    transports: response.response.transports ?? [],
    attachment: response.authenticatorAttachment,
    friendlyName: `Passkey ${new Date(now).toISOString().slice(0, 10)} (${info.credentialDeviceType === 'multiDevice' ? 'synced' : 'device-bound'})`,
    createdAt: now,
  };
}

/**
 * Options for navigator.credentials.get() in the WEB_AUTHN challenge: the user's passkeys, all for
 * one relying party (the most recent passkey's).
 */
export async function authenticationOptions(pool: PoolRuntime, user: UserRecord) {
  const credentials = credentialsOf(user);
  // WEB_AUTHN is only offered to users with a passkey.
  const rpId = credentials.at(-1)?.relyingPartyId;
  if (rpId === undefined) throw notAuthorized('The user has no passkey.');
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    allowCredentials: credentials.filter(c => c.relyingPartyId === rpId).map(c => ({ id: c.id, transports: c.transports as any })),
    userVerification: requireUv(pool) ? 'required' : 'preferred',
    timeout: CEREMONY_MS,
  });
  return { options, rpId };
}

/**
 * Options for a WEB_AUTHN challenge to a user who does not exist (PreventUserExistenceErrors): the
 * pool's relying party and one made-up passkey, the same for the same name, so the answer looks
 * like a real user's; no assertion can match it.
 */
export async function decoyAuthenticationOptions(pool: PoolRuntime, region: string, username: string) {
  const rpId = configuredRelyingParty(pool, region) ?? 'localhost';
  const id = createHash('sha256').update(`${pool.config.id}\u0000${username}\u0000passkey`).digest('base64url');
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    allowCredentials: [{ id, transports: ['internal', 'hybrid'] }],
    userVerification: requireUv(pool) ? 'required' : 'preferred',
    timeout: CEREMONY_MS,
  });
  return { options, rpId };
}

/** Verifies the CREDENTIAL answer of a WEB_AUTHN challenge; updates the credential's counter. */
export async function verifyAssertion(
  pool: PoolRuntime, user: UserRecord, credentialJson: unknown, expected: { readonly challenge: string; readonly relyingPartyId: string },
): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(credentialJson ?? ''));
  } catch {
    throw invalidParameter('CREDENTIAL must be the JSON of the passkey assertion (PublicKeyCredential.toJSON()).');
  }
  const response = asResponse<AuthenticationResponseJSON>(parsed);
  const stored = credentialsOf(user).find(c => c.id === response.id && c.relyingPartyId === expected.relyingPartyId);
  if (!stored) throw notAuthorized('The passkey is not registered for this user.');
  const origin = checkedOrigin(response.response?.clientDataJSON, expected.relyingPartyId);
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expected.challenge,
      expectedOrigin: origin,
      expectedRPID: expected.relyingPartyId,
      credential: { id: stored.id, publicKey: Buffer.from(stored.publicKey, 'base64url'), counter: stored.counter, transports: stored.transports as any },
      requireUserVerification: requireUv(pool),
    });
  } catch (e) {
    throw ceremonyError(e, expected.relyingPartyId, 'sign-in');
  }
  if (!verification.verified) throw notAuthorized('The passkey assertion could not be verified.');
  stored.counter = verification.authenticationInfo.newCounter;
}

function asResponse<T extends { id: string; response: object }>(value: unknown): T {
  const v = value as T | undefined;
  if (!v || typeof v !== 'object' || typeof v.id !== 'string' || !v.response || typeof v.response !== 'object') {
    throw invalidParameter('Credential must be the JSON of a PublicKeyCredential (id, rawId, type, response).');
  }
  return v;
}

/** Maps a library refusal to Cognito's exception for it, keeping the library's reason in the message. */
function ceremonyError(e: unknown, rpId: string, ceremony: 'registration' | 'sign-in'): CognitoError {
  const reason = (e as Error)?.message ?? String(e);
  if (/RP ID/i.test(reason)) {
    return webAuthnError('WebAuthnRelyingPartyMismatchException', `The passkey ${ceremony} was for another relying party than ${rpId}: ${reason}`);
  }
  if (ceremony === 'registration') return webAuthnError('WebAuthnCredentialNotSupportedException', `The passkey registration was refused: ${reason}`);
  return notAuthorized(`The passkey sign-in was refused: ${reason}`);
}
