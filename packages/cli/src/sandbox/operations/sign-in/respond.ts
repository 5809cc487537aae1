import { afterCustomPassword, answerCustomChallenge } from './custom-auth';
import { afterDeviceProof, challenge, confirmedDevice, continueSignIn, Flow, flowFromSession, mfaCandidates, mfaChallenge } from './flow';
import { afterPassword, availableFirstFactors, checkDeviceKey, StartArgs, startFirstFactor } from './initiate';
import { checkNotLocked, recordWrongCode, recordWrongPassword } from './password-check';
import { BAD_CREDENTIALS, CognitoError, codeMismatch, expiredCode, INVALID_SESSION, invalidParameter, notAuthorized } from '../../core/errors';
import { ClientConfig, MfaMethod } from '../../core/pool-config';
import { randomToken } from '../../crypto/ids';
import { isValidA, isValidTimestamp, serverEphemeral, verifyPasswordClaim } from '../../crypto/srp';
import { clientById, poolById, PoolRuntime, SandboxContext } from '../../model/context';
import { checkPasswordHistory } from '../../model/password-history';
import { checkPasswordPolicy } from '../../model/password-policy';
import { AuthSession } from '../../model/sessions';
import { checkTotp } from '../../model/totp';
import { checkRequired, findUser, poolName, setPassword } from '../../model/users';
import { verifyAssertion } from '../../model/webauthn';
import type { HandlerTable } from '../handler';

interface Step {
  readonly ctx: SandboxContext;
  readonly pool: PoolRuntime;
  readonly client: ClientConfig;
  readonly sessionId: string;
  readonly session: AuthSession;
  readonly responses: Record<string, string>;
}

const flowOf = (s: Step): Flow => flowFromSession(s.session, s.pool, s.client);

/** Consumes the session: each step's session works once; the next step gets a new one. */
const done = (s: Step) => s.ctx.sessions.consume(s.sessionId);

/**
 * A wrong code leaves the session usable until MAX_CODE_FAILURES, like Cognito, and counts toward
 * the user's sign-in lockout.
 */
function wrongCode(s: Step, error: Error): Error {
  s.ctx.sessions.recordFailure(s.sessionId);
  if (s.session.username) recordWrongCode(s.ctx, flowOf(s).user);
  return error;
}

async function passwordVerifier(s: Step) {
  const { ctx, session, responses: r } = s;
  if (!session.username) {
    done(s);
    throw notAuthorized(BAD_CREDENTIALS);
  }
  const f = flowOf(s);
  const deviceKey = r.DEVICE_KEY || undefined;
  // Before consuming: an unknown device is refused and the SDK retries this very request without it.
  checkDeviceKey(f.user, deviceKey);
  done(s);
  checkNotLocked(ctx, f.user);
  await ctx.triggers.invoke(s.pool.config, {
    trigger: 'PreAuthentication',
    triggerSource: 'PreAuthentication_Authentication',
    username: f.user.username,
    clientId: s.client.id,
    request: { userAttributes: { sub: f.user.sub, ...f.user.attributes }, validationData: {}, userNotFound: false },
  });
  if (!isValidTimestamp(r.TIMESTAMP ?? '')) throw invalidParameter('TIMESTAMP format is invalid.');
  const ok = r.PASSWORD_CLAIM_SECRET_BLOCK === session.srp?.secretBlock && await verifyPasswordClaim({
    poolName: poolName(s.pool),
    userId: f.user.username,
    aHex: session.srp.a ?? '',
    ephemeral: session.srp.ephemeral,
    verifierHex: f.user.srpVerifier,
    secretBlock: r.PASSWORD_CLAIM_SECRET_BLOCK,
    timestamp: r.TIMESTAMP,
    signature: r.PASSWORD_CLAIM_SIGNATURE ?? '',
  });
  // The SRP math ran off the event loop: parallel wrong attempts may have locked the user meanwhile.
  checkNotLocked(ctx, f.user);
  if (!ok) throw recordWrongPassword(ctx, f.user);
  const signedIn = { ...f, authTime: ctx.now(), deviceKey };
  return session.custom ? afterCustomPassword(ctx, signedIn, session.custom.results) : afterPassword(ctx, signedIn);
}

async function newPassword(s: Step) {
  const f = flowOf(s);
  const password = s.responses.NEW_PASSWORD;
  if (!password) throw invalidParameter('Missing required parameter NEW_PASSWORD');
  checkPasswordPolicy(password, s.pool.config.passwordPolicy);
  const updates: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.responses)) if (k.startsWith('userAttributes.')) updates[k.slice('userAttributes.'.length)] = String(v);
  checkRequired(s.pool, { ...f.user.attributes, ...updates });
  done(s);
  try {
    // The pool's PasswordHistorySize applies to the forced change too (the temporary password counts as the current one).
    await checkPasswordHistory(s.pool, f.user, password);
  } catch (e) {
    // Refused like a password the policy refuses: the same session may try another one.
    s.ctx.sessions.restore(s.sessionId, s.session);
    throw e;
  }
  Object.assign(f.user.attributes, updates);
  await setPassword(s.pool, f.user, password);
  f.user.status = 'CONFIRMED';
  f.user.temporaryPasswordExpiresAt = undefined;
  f.user.updatedAt = s.ctx.now();
  return continueSignIn(s.ctx, { ...f, tokenSource: 'TokenGeneration_NewPasswordChallenge' });
}

/** Where each code challenge's answer comes, and which attribute receiving the code verifies. */
const CODE_CHALLENGES = {
  SMS_MFA: { response: 'SMS_MFA_CODE', verifies: 'phone_number_verified' },
  EMAIL_OTP: { response: 'EMAIL_OTP_CODE', verifies: 'email_verified' },
  SMS_OTP: { response: 'SMS_OTP_CODE', verifies: 'phone_number_verified' },
} as const;

/** A code sent by SMS or email: an MFA code, or a passwordless first factor; either way the last factor. */
async function deliveredCode(s: Step, method: keyof typeof CODE_CHALLENGES) {
  const { response, verifies } = CODE_CHALLENGES[method];
  // A decoy for an unknown user (unknown-user.ts): no code was sent, every code is wrong.
  if (!s.session.username) throw wrongCode(s, codeMismatch());
  checkNotLocked(s.ctx, flowOf(s).user);
  const stored = s.session.code;
  if (!stored || stored.method !== method || String(s.responses[response] ?? '') !== stored.code) throw wrongCode(s, codeMismatch());
  if (stored.expiresAt <= s.ctx.now()) {
    done(s);
    throw expiredCode('Your code has expired, please request a new one.');
  }
  done(s);
  const f = flowOf(s);
  // Receiving the code proves the channel, as Cognito records it.
  f.user.attributes[verifies] = 'true';
  return continueSignIn(s.ctx, { ...f, mfaDone: true });
}

/** The first factor chosen after USER_AUTH; an unknown user (PreventUserExistenceErrors) fails like a wrong password. */
async function selectChallenge(s: Step) {
  const answer = String(s.responses.ANSWER ?? '');
  const user = s.session.username ? flowOf(s).user : undefined;
  const available = availableFirstFactors(s.pool, user);
  if (!available.includes(answer)) throw invalidParameter(`The challenge ${answer} is not available; choose one of ${available.join(', ')}.`);
  done(s);
  if (!user && answer !== 'PASSWORD_SRP') throw notAuthorized(BAD_CREDENTIALS);
  const a: StartArgs = {
    pool: s.pool,
    client: s.client,
    admin: s.session.admin,
    params: { USERNAME: user?.username ?? String(s.responses.USERNAME ?? '') },
    clientMetadata: s.session.clientMetadata,
  };
  const deviceKey = s.responses.DEVICE_KEY ?? s.session.deviceKey;
  return startFirstFactor(s.ctx, a, answer, { ...s.responses, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) });
}

/**
 * The passkey assertion of a WEB_AUTHN challenge: the whole sign-in, like a one-time code (no MFA
 * after it). One answer per challenge; a refused assertion does not count toward the password lockout.
 */
async function passkeyAssertion(s: Step) {
  if (!s.session.username) {
    // A decoy for an unknown user (unknown-user.ts): no passkey is registered.
    done(s);
    throw notAuthorized('The passkey is not registered for this user.');
  }
  const f = flowOf(s);
  checkNotLocked(s.ctx, f.user);
  done(s);
  const expected = s.session.webAuthn;
  if (!expected) throw notAuthorized(INVALID_SESSION);
  await verifyAssertion(s.pool, f.user, s.responses.CREDENTIAL, expected);
  return continueSignIn(s.ctx, { ...f, authTime: s.ctx.now(), mfaDone: true });
}

async function customChallengeAnswer(s: Step) {
  const f = flowOf(s);
  done(s);
  return answerCustomChallenge(s.ctx, f, s.session, s.responses.ANSWER);
}

async function softwareToken(s: Step) {
  const f = flowOf(s);
  checkNotLocked(s.ctx, f.user);
  const totp = f.user.totp;
  if (!totp?.verified) throw new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the user.');
  try {
    totp.lastUsedStep = checkTotp(totp.secret, s.responses.SOFTWARE_TOKEN_MFA_CODE, s.ctx.now(), totp.lastUsedStep);
  } catch (e) {
    throw wrongCode(s, e as Error);
  }
  done(s);
  return continueSignIn(s.ctx, { ...f, mfaDone: true });
}

async function selectMfaType(s: Step) {
  const f = flowOf(s);
  const answer = s.responses.ANSWER as MfaMethod;
  if (!mfaCandidates(s.pool, f.user).includes(answer)) throw invalidParameter(`Invalid MFA type: ${answer}`);
  done(s);
  return mfaChallenge(s.ctx, f, answer);
}

async function mfaSetup(s: Step) {
  if (!s.session.totpVerified) throw invalidParameter('Software token MFA has not been verified for the user; call VerifySoftwareToken first.');
  done(s);
  return continueSignIn(s.ctx, { ...flowOf(s), mfaDone: true });
}

/** Device SRP, round one: the device's verifier takes the place of the password's. */
async function deviceSrpAuth(s: Step) {
  const f = flowOf(s);
  const device = confirmedDevice(f.user, s.responses.DEVICE_KEY);
  if (!device || device.key !== s.session.deviceKey || !device.verifier) throw notAuthorized(INVALID_SESSION);
  if (!isValidA(s.responses.SRP_A ?? '')) throw invalidParameter('Missing or invalid SRP_A.');
  done(s);
  const secretBlock = randomToken(256);
  const ephemeral = await serverEphemeral(device.verifier);
  return challenge(s.ctx, f, 'DEVICE_PASSWORD_VERIFIER', {
    SRP_B: ephemeral.B, SALT: device.salt!, SECRET_BLOCK: secretBlock, USERNAME: f.user.username, DEVICE_KEY: device.key,
  }, { srp: { ephemeral, secretBlock, a: s.responses.SRP_A } });
}

async function devicePasswordVerifier(s: Step) {
  const f = flowOf(s);
  const device = confirmedDevice(f.user, s.session.deviceKey);
  const r = s.responses;
  done(s);
  const srp = s.session.srp;
  const ok = !!device && !!srp && r.PASSWORD_CLAIM_SECRET_BLOCK === srp.secretBlock && isValidTimestamp(r.TIMESTAMP ?? '') && await verifyPasswordClaim({
    poolName: device.groupKey,
    userId: device.key,
    aHex: srp.a ?? '',
    ephemeral: srp.ephemeral,
    verifierHex: device.verifier ?? '',
    secretBlock: r.PASSWORD_CLAIM_SECRET_BLOCK,
    timestamp: r.TIMESTAMP,
    signature: r.PASSWORD_CLAIM_SIGNATURE ?? '',
  });
  if (!ok) throw notAuthorized('Incorrect device credentials.');
  return afterDeviceProof(s.ctx, f);
}

/** PASSWORD, asked only as the decoy of an unknown user (unknown-user.ts): any answer is a wrong password. */
async function passwordChallenge(s: Step) {
  done(s);
  throw notAuthorized(BAD_CREDENTIALS);
}

const STEPS: Record<string, (s: Step) => Promise<unknown>> = {
  PASSWORD: passwordChallenge,
  PASSWORD_VERIFIER: passwordVerifier,
  NEW_PASSWORD_REQUIRED: newPassword,
  SMS_MFA: s => deliveredCode(s, 'SMS_MFA'),
  EMAIL_OTP: s => deliveredCode(s, 'EMAIL_OTP'),
  SMS_OTP: s => deliveredCode(s, 'SMS_OTP'),
  SELECT_CHALLENGE: selectChallenge,
  WEB_AUTHN: passkeyAssertion,
  CUSTOM_CHALLENGE: customChallengeAnswer,
  SOFTWARE_TOKEN_MFA: softwareToken,
  SELECT_MFA_TYPE: selectMfaType,
  MFA_SETUP: mfaSetup,
  DEVICE_SRP_AUTH: deviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: devicePasswordVerifier,
};

/**
 * Answers a challenge of a sign-in in progress. `hosted` is true only for the hosted pages: their
 * sessions never leave the sandbox, and the API refuses them.
 */
export async function respondToChallenge(ctx: SandboxContext, input: Record<string, any>, pool: PoolRuntime, client: ClientConfig, hosted = false) {
  const name = String(input.ChallengeName ?? '');
  const step = Object.prototype.hasOwnProperty.call(STEPS, name) ? STEPS[name] : undefined;
  if (!step) throw invalidParameter(`The sandbox does not support the challenge ${name}.`);
  const session = ctx.sessions.get(input.Session, client.id, name);
  if (!!session.hosted !== hosted) throw notAuthorized(INVALID_SESSION);
  const responses: Record<string, string> = input.ChallengeResponses ?? {};
  // The USERNAME response must name the session's user (by username or alias).
  if (session.username && responses.USERNAME && findUser(pool, responses.USERNAME)?.username !== session.username) {
    throw notAuthorized(INVALID_SESSION);
  }
  return step({ ctx, pool, client, sessionId: input.Session, session, responses });
}

export const respondHandlers: HandlerTable = {
  async RespondToAuthChallenge(ctx, input) {
    const { client, pool } = clientById(ctx, input.ClientId);
    return respondToChallenge(ctx, input, pool, client);
  },
  async AdminRespondToAuthChallenge(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const { client } = clientById(ctx, input.ClientId);
    return respondToChallenge(ctx, input, pool, client);
  },
};
