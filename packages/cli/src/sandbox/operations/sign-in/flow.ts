import { CognitoError, INVALID_SESSION, notAuthorized } from '../../core/errors';
import { ClientConfig, MfaMethod } from '../../core/pool-config';
import { DeviceRecord, UserRecord } from '../../core/records';
import { randomDigits } from '../../crypto/ids';
import { PoolRuntime, SandboxContext } from '../../model/context';
import { Channel, deliverCode } from '../../model/messages';
import { AuthSession } from '../../model/sessions';
import { issueTokens } from '../../model/tokens';
import { getUser, missingRequired } from '../../model/users';

/** Where a sign-in stands: who, through which client, and which factors are already done. */
export interface Flow {
  readonly pool: PoolRuntime;
  readonly client: ClientConfig;
  readonly user: UserRecord;
  readonly admin: boolean;
  readonly authTime: number;
  readonly deviceKey?: string;
  readonly mfaDone?: boolean;
  readonly clientMetadata?: Record<string, string>;
  /** TokenGeneration_* source for the pre token generation trigger. */
  readonly tokenSource?: string;
  /** A sign-in on the hosted pages: success yields the signed-in user for an authorization code, not tokens. */
  readonly hosted?: boolean;
}

/** How a hosted sign-in ends: the user, for the authorization code the pages hand out. */
export interface HostedSignIn {
  readonly username: string;
  readonly authTime: number;
}

export type ChallengeExtras = Partial<Pick<AuthSession, 'srp' | 'code' | 'totpSecret' | 'totpVerified' | 'custom' | 'webAuthn'>>;

/** Codes sent by SMS or email (MFA or passwordless) expire after 3 minutes. */
const CODE_VALIDITY_MS = 3 * 60 * 1000;

/** Opens the next challenge with a fresh one-time session. */
export function challenge(ctx: SandboxContext, f: Flow, name: string, params: Record<string, string>, extras: ChallengeExtras = {}) {
  const session = ctx.sessions.create({
    poolId: f.pool.config.id,
    clientId: f.client.id,
    username: f.user.username,
    challenge: name,
    expiresAt: ctx.now() + f.client.authSessionValiditySeconds * 1000,
    admin: f.admin,
    authTime: f.authTime,
    deviceKey: f.deviceKey,
    mfaDone: f.mfaDone,
    clientMetadata: f.clientMetadata,
    hosted: f.hosted,
    ...extras,
  });
  return { ChallengeName: name, Session: session, ChallengeParameters: { USER_ID_FOR_SRP: f.user.username, ...params } };
}

/** Rebuilds the flow a session belongs to. */
export function flowFromSession(s: AuthSession, pool: PoolRuntime, client: ClientConfig): Flow {
  const user = s.username ? getUser(pool, s.username) : undefined;
  if (!user) throw notAuthorized(INVALID_SESSION);
  return {
    pool,
    client,
    user,
    admin: s.admin,
    authTime: s.authTime ?? Date.now(),
    deviceKey: s.deviceKey,
    mfaDone: s.mfaDone,
    clientMetadata: s.clientMetadata,
    hosted: s.hosted,
  };
}

export const confirmedDevice = (user: UserRecord, key: string | undefined): DeviceRecord | undefined => {
  const device = key ? user.devices[key] : undefined;
  return device?.confirmed ? device : undefined;
};

/** NEW_PASSWORD_REQUIRED as Cognito phrases it: current attributes and the required ones still missing. */
export function newPasswordChallenge(ctx: SandboxContext, f: Flow) {
  const { email_verified: _e, phone_number_verified: _p, ...visible } = f.user.attributes;
  return challenge(ctx, f, 'NEW_PASSWORD_REQUIRED', {
    userAttributes: JSON.stringify(visible),
    requiredAttributes: JSON.stringify(missingRequired(f.pool, f.user.attributes).map(a => `userAttributes.${a}`)),
  });
}

/**
 * After the password: MFA unless a remembered device waives it, else device SRP proves the
 * device. Once an MFA code was given the device is not challenged again: SDKs answer
 * DEVICE_SRP_AUTH after MFA with the spent MFA session, so Cognito cannot be asking for it there.
 */
export async function continueSignIn(ctx: SandboxContext, f: Flow) {
  const device = confirmedDevice(f.user, f.deviceKey);
  if (!f.mfaDone && !deviceSkipsMfa(f, device)) {
    const step = await mfaStep(ctx, f);
    if (step) return step;
  }
  if (device && !f.mfaDone) return challenge(ctx, { ...f, mfaDone: true }, 'DEVICE_SRP_AUTH', {});
  return succeed(ctx, f);
}

/** A remembered device stands in for MFA in a pool with ChallengeRequiredOnNewDevice. */
const deviceSkipsMfa = (f: Flow, device: DeviceRecord | undefined) =>
  !!device && !!f.pool.config.device?.challengeRequiredOnNewDevice && device.remembered;

/**
 * After device SRP (reached only without an MFA code): MFA is skipped only if the device still
 * stands in for it now; one forgotten or no longer remembered since the challenge was issued
 * leaves MFA to do.
 */
export async function afterDeviceProof(ctx: SandboxContext, f: Flow) {
  if (!deviceSkipsMfa(f, confirmedDevice(f.user, f.deviceKey))) {
    const step = await mfaStep(ctx, { ...f, mfaDone: false });
    if (step) return step;
  }
  return succeed(ctx, f);
}

/** The methods this user can be challenged with, following the pool's MfaConfiguration. */
export function mfaCandidates(pool: PoolRuntime, user: UserRecord): MfaMethod[] {
  const enabled = pool.config.enabledMfas;
  const usable = (m: MfaMethod) => enabled.includes(m) && (m === 'SOFTWARE_TOKEN_MFA' ? !!user.totp?.verified
    : m === 'SMS_MFA' ? !!user.attributes.phone_number : !!user.attributes.email);
  const chosen = user.mfaEnabled.filter(usable);
  if (chosen.length || pool.config.mfaConfiguration !== 'ON') return chosen;
  // Under required MFA Cognito falls back to the delivery channels the user already has.
  return (['SMS_MFA', 'EMAIL_OTP'] as MfaMethod[]).filter(usable);
}

async function mfaStep(ctx: SandboxContext, f: Flow) {
  const mode = f.pool.config.mfaConfiguration;
  if (mode === 'OFF') return undefined;
  const candidates = mfaCandidates(f.pool, f.user);
  if (candidates.length === 0) {
    if (mode === 'OPTIONAL') return undefined;
    if (f.pool.config.enabledMfas.includes('SOFTWARE_TOKEN_MFA')) {
      return challenge(ctx, f, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) });
    }
    throw new CognitoError('MFAMethodNotFoundException', 'No MFA mechanism registered in the account.');
  }
  const preferred = f.user.preferredMfa && candidates.includes(f.user.preferredMfa) ? f.user.preferredMfa : undefined;
  if (preferred || candidates.length === 1) return mfaChallenge(ctx, f, preferred ?? candidates[0]);
  return challenge(ctx, f, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(candidates) });
}

/** Issues the challenge for one MFA method; SMS and email codes go to the outbox. */
export async function mfaChallenge(ctx: SandboxContext, f: Flow, method: MfaMethod) {
  if (method === 'SOFTWARE_TOKEN_MFA') return challenge(ctx, f, method, {});
  return codeChallenge(ctx, f, method, method === 'SMS_MFA' ? 'SMS' : 'EMAIL');
}

/**
 * Sends a one-time code (8 digits by email, 6 by SMS) with the authentication message and opens
 * the challenge `name` that asks for it: an MFA code, or a passwordless first factor.
 */
export async function codeChallenge(ctx: SandboxContext, f: Flow, name: string, channel: Channel) {
  const code = randomDigits(channel === 'EMAIL' ? 8 : 6);
  const delivery = await deliverCode(ctx, f.pool, f.user, { purpose: 'MFA', channel, code, clientId: f.client.id, clientMetadata: f.clientMetadata });
  return challenge(ctx, f, name, {
    CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium,
    CODE_DELIVERY_DESTINATION: delivery.Destination,
  }, { code: { code, method: name, expiresAt: ctx.now() + CODE_VALIDITY_MS } });
}

/** All factors passed: post authentication trigger, then tokens. */
export async function succeed(ctx: SandboxContext, f: Flow) {
  const device = confirmedDevice(f.user, f.deviceKey);
  await ctx.triggers.invoke(f.pool.config, {
    trigger: 'PostAuthentication',
    triggerSource: 'PostAuthentication_Authentication',
    username: f.user.username,
    clientId: f.client.id,
    request: { userAttributes: { sub: f.user.sub, ...f.user.attributes }, newDeviceUsed: !device, clientMetadata: f.clientMetadata ?? {} },
  });
  if (device) device.lastAuthenticatedAt = ctx.now();
  f.user.failedSignIns = 0;
  f.user.lockedUntil = undefined;
  if (f.hosted) {
    const signedIn: HostedSignIn = { username: f.user.username, authTime: f.authTime };
    return { ChallengeParameters: {}, HostedSignIn: signedIn };
  }
  const result = await issueTokens(ctx, f.pool, f.client, f.user, {
    authTime: f.authTime,
    triggerSource: f.tokenSource ?? (device ? 'TokenGeneration_AuthenticateDevice' : 'TokenGeneration_Authentication'),
    deviceKey: device?.key,
    clientMetadata: f.clientMetadata,
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
