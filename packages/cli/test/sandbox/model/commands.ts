/**
 * fast-check commands: each drives the sandbox through the AWS SDK and checks the answer against
 * the model (model.ts). Indices into users, sign-ins, sessions and tokens are abstract (taken
 * modulo what exists when the command runs), so any generated sequence is meaningful.
 *
 * Checked on every step: tokens only with every factor demanded at that moment; a spent session,
 * or an open one used through another client or for another user, never works; a revoked token
 * never works; and, the other way round, what the model says must work does (correct answers,
 * valid tokens), so a false refusal fails the run too.
 */
import {
  AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, AdminSetUserMFAPreferenceCommand, AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand, AuthenticationResultType, ConfirmDeviceCommand, ConfirmForgotPasswordCommand, ConfirmSignUpCommand,
  ForgetDeviceCommand, ForgotPasswordCommand, GetUserCommand, GlobalSignOutCommand, InitiateAuthCommand, RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand, SignUpCommand, UpdateDeviceStatusCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as fc from 'fast-check';
import {
  applyPreference, Attempt, ClientName, Method, Model, preferenceError, revokeAll, SESSION_MS, tokenValid, tokenViolation, UserModel,
} from './model';
import { attempt, count, createConfirmedUser, otherThan, Outcome, System } from './system';
import { makeVerifier, srpClient, srpTimestamp } from '../../../src/sandbox/crypto/srp';
import { totpCode } from '../../support';

type Cmd = fc.AsyncCommand<Model, System>;
const TOTP_STEP_MS = 30_000;

function fail(message: string): never {
  throw new Error(message);
}
const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined);
const openAttempts = (m: Model) => m.attempts.filter(a => a.open);
const clientId = (s: System, c: ClientName) => s.clients[c];
const other = (c: ClientName): ClientName => (c === 'A' ? 'B' : 'A');
const b64 = (hex: string) => Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64');

/** Moves the sandbox's clock and the model's together; TOTP answers move a whole step first so no code is a replay. */
function advance(m: Model, s: System, ms: number): void {
  m.now += ms;
  s.clock.now = m.now;
}

/** Takes in what a sign-in step answered: tokens (checked against the model) or the next challenge. */
/** What InitiateAuth and RespondToAuthChallenge answer. */
interface SignInStep {
  readonly ChallengeName?: string;
  readonly Session?: string;
  readonly ChallengeParameters?: Record<string, string>;
  readonly AuthenticationResult?: AuthenticationResultType;
}

function absorb(m: Model, s: System, a: Attempt, out: SignInStep) {
  if (out.AuthenticationResult) {
    const violation = tokenViolation(m, a);
    if (violation) fail(`MFA skipped: ${violation} (proven: ${[...a.proven].join(', ') || 'nothing'}; device ${a.deviceKey ?? 'none'})`);
    count(s, a.proven.has('mfa') ? 'tokens after MFA' : a.proven.has('device') ? 'tokens by a remembered device' : a.proven.has('otp') ? 'tokens by passwordless code' : 'tokens without MFA demanded');
    const r = out.AuthenticationResult;
    const device = r.NewDeviceMetadata;
    m.tokens.push({
      user: a.user,
      client: a.client,
      access: r.AccessToken!,
      refresh: r.RefreshToken,
      expiresAt: accessExpiry(m),
      revoked: false,
      newDevice: device ? { key: device.DeviceKey!, groupKey: device.DeviceGroupKey! } : undefined,
    });
    const user = m.users[a.user];
    user.failures = 0;
    a.open = false;
    return;
  }
  a.session = out.Session!;
  a.challenge = out.ChallengeName!;
  a.parameters = out.ChallengeParameters ?? {};
  a.expiresAt = m.now + SESSION_MS;
  a.wrongAnswers = 0;
  // Each code challenge has its own code: the one sent just now.
  const u = m.users[a.user];
  if (a.challenge === 'SMS_MFA' || a.challenge === 'EMAIL_OTP') a.code = sentCode(s, u, a.challenge === 'SMS_MFA' ? 'SMS' : 'EMAIL', 'MFA');
  count(s, `challenge ${a.challenge}`);
}

/** Access tokens last an hour from their `iat`, which is whole seconds. */
const accessExpiry = (m: Model) => Math.floor(m.now / 1000) * 1000 + 3600_000;

/** Ends an attempt's current session in the model: it was consumed, so it must never work again. */
function spend(m: Model, a: Attempt) {
  m.spent.push({ user: a.user, client: a.client, session: a.session, challenge: a.challenge });
}

/** The code last sent to this user's email or phone (or either: a reset code goes to a verified phone first). */
function sentCode(s: System, user: UserModel, channel: 'EMAIL' | 'SMS' | 'ANY', purpose: string): string | undefined {
  const destinations = channel === 'ANY' ? [user.email, user.phone] : [channel === 'EMAIL' ? user.email : user.phone];
  const sent = destinations.filter(d => d !== undefined).map(destination => s.h.sandbox.outbox.latest({ destination, purpose }));
  return sent.filter(m => m !== undefined).sort((x, y) => y!.id - x!.id)[0]?.code;
}

function respond(s: System, a: Attempt, responses: Record<string, string>, as: { client?: ClientName; session?: string; challenge?: string } = {}) {
  const input = {
    ClientId: clientId(s, as.client ?? a.client),
    ChallengeName: (as.challenge ?? a.challenge) as any,
    Session: as.session ?? a.session,
    ChallengeResponses: { USERNAME: (responses.USERNAME ?? a.parameters.USER_ID_FOR_SRP ?? ''), ...responses },
  };
  return a.admin
    ? attempt(s.sdk.send(new AdminRespondToAuthChallengeCommand({ ...input, UserPoolId: s.h.poolId })))
    : attempt(s.sdk.send(new RespondToAuthChallengeCommand(input)));
}

// --- Users -------------------------------------------------------------------------------------

/** Users that `test` holds for, to pick the subject of a command among. */
const usersWhere = (m: Model, test: (u: UserModel) => boolean) => m.users.filter(test);

class SignUp implements Cmd {
  constructor(readonly user: number) {}
  check = (m: Readonly<Model>) => usersWhere(m as Model, u => !u.exists).length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const u = pick(usersWhere(m, x => !x.exists), this.user)!;
    const out = await attempt(s.sdk.send(new SignUpCommand({
      ClientId: s.clients.A,
      Username: u.email,
      Password: u.password,
      UserAttributes: [{ Name: 'email', Value: u.email }, ...(u.phone ? [{ Name: 'phone_number', Value: u.phone }] : [])],
    })));
    if (!out.ok) fail(`SignUp of a new user failed: ${out.error}: ${out.message}`);
    u.exists = true;
    count(s, 'sign-ups');
  }
  toString = () => `SignUp(u${this.user})`;
}

class ConfirmSignUp implements Cmd {
  constructor(readonly user: number, readonly right: boolean) {}
  private readonly eligible = (m: Model) => usersWhere(m, u => u.exists && !u.confirmed && (this.right || u.wrongConfirmations < 3));
  check = (m: Readonly<Model>) => this.eligible(m as Model).length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const u = pick(this.eligible(m), this.user)!;
    const code = sentCode(s, u, 'EMAIL', 'SIGN_UP')!;
    const out = await attempt(s.sdk.send(new ConfirmSignUpCommand({
      ClientId: s.clients.A, Username: u.email, ConfirmationCode: this.right ? code : otherThan(code),
    })));
    if (this.right !== out.ok) fail(`ConfirmSignUp with a ${this.right ? 'right' : 'wrong'} code: ${out.ok ? 'accepted' : (out as any).error}`);
    if (this.right) u.confirmed = true;
    else u.wrongConfirmations++;
  }
  toString = () => `ConfirmSignUp(u${this.user}, ${this.right ? 'right' : 'wrong'})`;
}

class AdminCreate implements Cmd {
  constructor(readonly user: number) {}
  check = (m: Readonly<Model>) => usersWhere(m as Model, u => !u.exists).length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const u = pick(usersWhere(m, x => !x.exists), this.user)!;
    await createConfirmedUser(s, u);
  }
  toString = () => `AdminCreate(u${this.user})`;
}

class ResetPassword implements Cmd {
  constructor(readonly user: number) {}
  check = (m: Readonly<Model>) => usersWhere(m as Model, u => u.exists && u.confirmed).length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const u = pick(usersWhere(m, x => x.exists && x.confirmed), this.user)!;
    await s.sdk.send(new ForgotPasswordCommand({ ClientId: s.clients.A, Username: u.email }));
    // A new password every time, so an SRP challenge from before the reset is known to be stale.
    const password = `${u.password}r`;
    await s.sdk.send(new ConfirmForgotPasswordCommand({
      ClientId: s.clients.A, Username: u.email, ConfirmationCode: sentCode(s, u, 'ANY', 'FORGOT_PASSWORD'), Password: password,
    }));
    u.password = password;
    // A reset also ends the temporary lockout.
    u.failures = 0;
    count(s, 'password resets');
  }
  toString = () => `ResetPassword(u${this.user})`;
}

// --- Sign-in -----------------------------------------------------------------------------------

type Flow = 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'USER_AUTH_PASSWORD' | 'USER_AUTH_EMAIL_OTP';

class StartSignIn implements Cmd {
  constructor(
    readonly user: number, readonly client: ClientName, readonly flow: Flow, readonly device: number | undefined, readonly rightPassword: boolean,
  ) {}
  check = (m: Readonly<Model>) => (this.flow !== 'USER_AUTH_EMAIL_OTP' || m.pool.passwordless) && (this.rightPassword || m.users[this.user].failures < 3);
  async run(m: Model, s: System) {
    count(s, 'steps');
    const u = m.users[this.user];
    // Confirmed devices, and new ones not confirmed yet (which Cognito must refuse).
    const known = [...u.devices.keys(), ...m.tokens.filter(t => t.user === this.user && t.newDevice).map(t => t.newDevice!.key)];
    const deviceKey = this.device === undefined ? undefined : pick(known, this.device);
    const deviceConfirmed = !deviceKey || !!u.devices.get(deviceKey)?.confirmed;
    const password = this.rightPassword ? u.password : `${u.password}-wrong`;
    const a: Attempt = {
      user: this.user,
      client: this.client,
      admin: this.flow === 'ADMIN_USER_PASSWORD_AUTH',
      deviceKey,
      proven: new Set(),
      session: '',
      challenge: '',
      parameters: {},
      expiresAt: 0,
      wrongAnswers: 0,
      open: true,
    };
    const srp = this.flow === 'USER_SRP_AUTH';
    // SRP clients send their device key with PASSWORD_VERIFIER, the others with InitiateAuth.
    const params: Record<string, string> = { USERNAME: u.email, ...(deviceKey && !srp ? { DEVICE_KEY: deviceKey } : {}) };
    let out: Outcome<any>;
    if (srp) {
      a.srp = { a: srpClient(s.poolName), poolName: s.poolName, userId: '', password: u.password };
      out = await attempt(s.sdk.send(new InitiateAuthCommand({ ClientId: clientId(s, a.client), AuthFlow: 'USER_SRP_AUTH', AuthParameters: { ...params, SRP_A: a.srp.a.A } })));
    } else if (this.flow === 'ADMIN_USER_PASSWORD_AUTH') {
      out = await attempt(s.sdk.send(new AdminInitiateAuthCommand({
        UserPoolId: s.h.poolId, ClientId: clientId(s, a.client), AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { ...params, PASSWORD: password },
      })));
    } else if (this.flow === 'USER_AUTH_EMAIL_OTP') {
      out = await attempt(s.sdk.send(new InitiateAuthCommand({
        ClientId: clientId(s, a.client), AuthFlow: 'USER_AUTH', AuthParameters: { ...params, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      })));
    } else {
      const choice = this.flow === 'USER_AUTH_PASSWORD';
      out = await attempt(s.sdk.send(new InitiateAuthCommand({
        ClientId: clientId(s, a.client),
        AuthFlow: choice ? 'USER_AUTH' : 'USER_PASSWORD_AUTH',
        AuthParameters: { ...params, PASSWORD: password, ...(choice ? { PREFERRED_CHALLENGE: 'PASSWORD' } : {}) },
      })));
    }
    const withPassword = !srp && this.flow !== 'USER_AUTH_EMAIL_OTP';
    if (!u.exists) return out.ok ? fail(`${this.flow} started for a user who does not exist`) : undefined;
    if (!u.confirmed) return out.ok && !srp ? fail(`${this.flow} signed in an unconfirmed user`) : undefined;
    if (withPassword && !this.rightPassword) {
      if (out.ok) fail(`${this.flow} accepted a wrong password`);
      u.failures++;
      return undefined;
    }
    if (!srp && !deviceConfirmed) return out.ok ? fail(`${this.flow} went through with a device key that is not confirmed`) : undefined;
    if (!out.ok) return fail(`${this.flow} with the right password was refused: ${out.error}: ${out.message}`);
    if (withPassword) a.proven.add('password');
    m.attempts.push(a);
    count(s, `start ${this.flow}`);
    absorb(m, s, a, out.value);
    return undefined;
  }
  toString = () => `StartSignIn(u${this.user}, ${this.client}, ${this.flow}, device ${this.device ?? '-'}, ${this.rightPassword ? 'right' : 'wrong'} password)`;
}

/** What answering a challenge did: the last call's outcome, the factor it proves when it works, and what a failure means. */
interface Answered {
  readonly out: Outcome<any>;
  readonly proves?: 'password' | 'mfa' | 'device' | 'otp';
  /** A failed answer ended the session (a wrong password or device secret); else it may be tried again. */
  readonly consumesOnFailure?: boolean;
  /** Cognito must refuse even the right answer (an unconfirmed user's password, a device that is gone). */
  readonly mustFail?: boolean;
}

/** Answers the current challenge of an open sign-in, right or wrong. */
class Answer implements Cmd {
  constructor(readonly which: number, readonly right: boolean, readonly choice: number) {}
  check = (m: Readonly<Model>) => openAttempts(m as Model).length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const a = pick(openAttempts(m), this.which)!;
    const u = m.users[a.user];
    if (a.challenge === 'SOFTWARE_TOKEN_MFA' || a.challenge === 'MFA_SETUP') advance(m, s, TOTP_STEP_MS);
    const expired = m.now >= a.expiresAt;
    // Wrong passwords and codes count toward the lockout: the model keeps below it (five).
    const counted = ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP', 'PASSWORD_VERIFIER'].includes(a.challenge);
    const right = this.right || (counted && u.failures >= 3) || a.wrongAnswers >= 3;
    const { out, proves, consumesOnFailure, mustFail } = await this.answer(m, s, a, u, right);
    if (expired || mustFail) {
      if (out.ok) fail(`${expired ? 'an expired' : 'a'} ${a.challenge} session was accepted${mustFail ? ' though Cognito must refuse it' : ''}`);
      if (expired) spend(m, a);
      a.open = false;
      return;
    }
    if (!right) {
      if (out.ok) fail(`a wrong answer to ${a.challenge} was accepted`);
      if (counted) u.failures++;
      a.wrongAnswers++;
      if (consumesOnFailure || a.wrongAnswers >= 5) {
        spend(m, a);
        a.open = false;
      }
      return;
    }
    if (!out.ok) fail(`a right answer to ${a.challenge} was refused: ${out.error}: ${out.message}`);
    if (proves) a.proven.add(proves);
    spend(m, a);
    count(s, `answered ${a.challenge}`);
    absorb(m, s, a, out.value);
  }

  private async answer(m: Model, s: System, a: Attempt, u: UserModel, right: boolean): Promise<Answered> {
    const p = a.parameters;
    switch (a.challenge) {
      case 'PASSWORD_VERIFIER': {
        const timestamp = srpTimestamp(new Date());
        const signature = a.srp!.a.sign({
          userId: p.USER_ID_FOR_SRP, password: right ? u.password : `${u.password}-wrong`, saltHex: p.SALT, bHex: p.SRP_B, secretBlock: p.SECRET_BLOCK, timestamp,
        });
        const out = await respond(s, a, {
          PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
          TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: signature,
          ...(a.deviceKey ? { DEVICE_KEY: a.deviceKey } : {}),
        });
        const deviceGone = !!a.deviceKey && !u.devices.get(a.deviceKey)?.confirmed;
        // The challenge was computed from the password's verifier at the start: a reset since makes it unanswerable.
        const stale = a.srp!.password !== u.password;
        return { out, proves: 'password', consumesOnFailure: true, mustFail: deviceGone || !u.confirmed || stale };
      }
      case 'SOFTWARE_TOKEN_MFA': {
        const code = totpCode(u.totpSecret ?? 'JBSWY3DPEHPK3PXP', m.now);
        return { out: await respond(s, a, { SOFTWARE_TOKEN_MFA_CODE: right ? code : otherThan(code) }), proves: 'mfa' };
      }
      case 'SMS_MFA':
      case 'EMAIL_OTP': {
        const code = a.code ?? '000000';
        const field = a.challenge === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'EMAIL_OTP_CODE';
        return { out: await respond(s, a, { [field]: right ? code : otherThan(code) }), proves: a.proven.has('password') ? 'mfa' : 'otp' };
      }
      case 'SELECT_MFA_TYPE': {
        const choices: string[] = JSON.parse(p.MFAS_CAN_CHOOSE ?? '[]');
        return { out: await respond(s, a, { ANSWER: right ? choices[this.choice % choices.length] : 'NOT_A_METHOD' }) };
      }
      case 'MFA_SETUP':
        return this.setUpTotp(m, s, a, u, right);
      case 'DEVICE_SRP_AUTH':
        return this.deviceSrp(m, s, a, u, right);
      default:
        return fail(`the model does not know how to answer ${a.challenge}`);
    }
  }

  /** MFA_SETUP: associate an authenticator with the session, verify a code, then answer the challenge. */
  private async setUpTotp(m: Model, s: System, a: Attempt, u: UserModel, right: boolean): Promise<Answered> {
    const associated = await attempt(s.sdk.send(new AssociateSoftwareTokenCommand({ Session: a.session })));
    if (!associated.ok) return { out: associated };
    spend(m, a);
    a.session = associated.value.Session!;
    const secret = associated.value.SecretCode!;
    const code = totpCode(secret, m.now);
    const verified = await attempt(s.sdk.send(new VerifySoftwareTokenCommand({ Session: a.session, UserCode: right ? code : otherThan(code) })));
    if (!verified.ok) return { out: verified, proves: 'mfa' };
    spend(m, a);
    a.session = verified.value.Session!;
    u.totpSecret = secret;
    u.enabled.add('SOFTWARE_TOKEN_MFA');
    u.preferred ??= 'SOFTWARE_TOKEN_MFA';
    return { out: await respond(s, a, {}), proves: 'mfa' };
  }

  /** Device SRP in two rounds, with the secret the device kept from ConfirmDevice. */
  private async deviceSrp(m: Model, s: System, a: Attempt, u: UserModel, right: boolean): Promise<Answered> {
    const device = u.devices.get(a.deviceKey!);
    const srp = srpClient(device?.groupKey ?? 'gone');
    const first = await respond(s, a, { DEVICE_KEY: a.deviceKey!, SRP_A: srp.A });
    if (!device?.confirmed) return { out: first, mustFail: true };
    if (!first.ok) return { out: first };
    spend(m, a);
    const q = first.value.ChallengeParameters!;
    const timestamp = srpTimestamp(new Date());
    a.session = first.value.Session!;
    a.challenge = 'DEVICE_PASSWORD_VERIFIER';
    a.expiresAt = m.now + SESSION_MS;
    const signature = srp.sign({
      userId: a.deviceKey!, password: right ? device.secret : 'wrong-device-secret', saltHex: q.SALT, bHex: q.SRP_B, secretBlock: q.SECRET_BLOCK, timestamp,
    });
    const out = await respond(s, a, {
      DEVICE_KEY: a.deviceKey!, PASSWORD_CLAIM_SECRET_BLOCK: q.SECRET_BLOCK, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature,
    });
    return { out, proves: 'device', consumesOnFailure: true };
  }

  toString = () => `Answer(attempt ${this.which}, ${this.right ? 'right' : 'wrong'}, choice ${this.choice})`;
}

/** A session used again after it was spent, through another client, or for another user: never works. */
class MisuseSession implements Cmd {
  constructor(readonly how: 'replay' | 'other client' | 'other user', readonly index: number) {}
  check = (m: Readonly<Model>) => (this.how === 'replay' ? m.spent.length > 0 : openAttempts(m as Model).length > 0);
  async run(m: Model, s: System) {
    count(s, 'steps');
    if (this.how === 'replay') {
      const spent = pick(m.spent, this.index)!;
      const u = m.users[spent.user];
      const responses = { USERNAME: u.email, SOFTWARE_TOKEN_MFA_CODE: u.totpSecret ? totpCode(u.totpSecret, m.now) : '123456', ANSWER: 'SOFTWARE_TOKEN_MFA' };
      const out = await attempt(s.sdk.send(new RespondToAuthChallengeCommand({
        ClientId: clientId(s, spent.client), ChallengeName: spent.challenge as any, Session: spent.session, ChallengeResponses: responses,
      })));
      if (out.ok) fail(`a spent ${spent.challenge} session worked again`);
      count(s, 'replays refused');
      return;
    }
    const a = pick(openAttempts(m), this.index)!;
    const otherUser = m.users[(a.user + 1) % m.users.length];
    const as = this.how === 'other client' ? { client: other(a.client) } : {};
    const username = this.how === 'other user' ? otherUser.email : m.users[a.user].email;
    const out = await respond(s, a, { USERNAME: username, ANSWER: 'SOFTWARE_TOKEN_MFA', SOFTWARE_TOKEN_MFA_CODE: '000000' }, as);
    if (out.ok) fail(`a ${a.challenge} session worked for ${this.how === 'other client' ? 'another client' : 'another user'}`);
    count(s, `${this.how} refused`);
  }
  toString = () => `MisuseSession(${this.how}, ${this.index})`;
}

// --- Tokens, MFA settings, devices --------------------------------------------------------------

/** Picks a token of a user; commands that need a valid one check the model first. */
const tokenAt = (m: Model, index: number) => pick(m.tokens, index);

class UseToken implements Cmd {
  constructor(readonly token: number) {}
  check = (m: Readonly<Model>) => m.tokens.length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const t = tokenAt(m, this.token)!;
    const out = await attempt(s.sdk.send(new GetUserCommand({ AccessToken: t.access })));
    const valid = tokenValid(m, t);
    if (out.ok && !valid) fail('a revoked or expired access token was accepted');
    if (!out.ok && valid) fail(`a valid access token was refused: ${out.error}: ${out.message}`);
    count(s, valid ? 'valid tokens accepted' : 'revoked tokens refused');
  }
  toString = () => `UseToken(${this.token})`;
}

class Refresh implements Cmd {
  constructor(readonly token: number) {}
  check = (m: Readonly<Model>) => m.tokens.some(t => t.refresh);
  async run(m: Model, s: System) {
    count(s, 'steps');
    const t = pick(m.tokens.filter(x => x.refresh), this.token)!;
    const out = await attempt(s.sdk.send(new InitiateAuthCommand({ ClientId: clientId(s, t.client), AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: t.refresh! } })));
    const valid = !t.revoked && m.users[t.user].exists;
    if (out.ok && !valid) fail('a revoked refresh token was accepted');
    if (!out.ok && valid) fail(`a valid refresh token was refused: ${out.error}: ${out.message}`);
    if (out.ok) {
      const access = out.value.AuthenticationResult!.AccessToken!;
      m.tokens.push({ user: t.user, client: t.client, access, expiresAt: accessExpiry(m), revoked: false });
      count(s, 'refreshes');
    }
  }
  toString = () => `Refresh(${this.token})`;
}

class SignOut implements Cmd {
  constructor(readonly token: number, readonly admin: boolean) {}
  check = (m: Readonly<Model>) => m.tokens.length > 0;
  async run(m: Model, s: System) {
    count(s, 'steps');
    const t = tokenAt(m, this.token)!;
    const u = m.users[t.user];
    if (this.admin) {await s.sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: s.h.poolId, Username: u.email }));} else {
      const out = await attempt(s.sdk.send(new GlobalSignOutCommand({ AccessToken: t.access })));
      if (out.ok !== tokenValid(m, t)) fail(`GlobalSignOut with a ${tokenValid(m, t) ? 'valid' : 'revoked'} token: ${out.ok ? 'accepted' : 'refused'}`);
      if (!out.ok) return;
    }
    revokeAll(m, t.user);
    count(s, 'global sign-outs');
  }
  toString = () => `SignOut(${this.token}, ${this.admin ? 'admin' : 'own token'})`;
}

class EnrolTotp implements Cmd {
  constructor(readonly token: number, readonly prefer: boolean) {}
  check = (m: Readonly<Model>) => m.tokens.some(t => tokenValid(m as Model, t));
  async run(m: Model, s: System) {
    count(s, 'steps');
    const t = pick(m.tokens.filter(x => tokenValid(m, x)), this.token)!;
    const u = m.users[t.user];
    const { SecretCode } = await s.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: t.access }));
    advance(m, s, TOTP_STEP_MS);
    await s.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: t.access, UserCode: totpCode(SecretCode!, m.now) }));
    u.totpSecret = SecretCode!;
    const SoftwareTokenMfaSettings = { Enabled: true, PreferredMfa: this.prefer };
    await s.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: t.access, SoftwareTokenMfaSettings }));
    applyPreference(u, 'SOFTWARE_TOKEN_MFA', true, this.prefer);
    count(s, 'TOTP enrolments');
  }
  toString = () => `EnrolTotp(${this.token}, ${this.prefer ? 'preferred' : 'not preferred'})`;
}

const SETTINGS: Record<Method, 'SoftwareTokenMfaSettings' | 'SMSMfaSettings' | 'EmailMfaSettings'> = {
  SOFTWARE_TOKEN_MFA: 'SoftwareTokenMfaSettings', SMS_MFA: 'SMSMfaSettings', EMAIL_OTP: 'EmailMfaSettings',
};

/** SetUserMFAPreference with a token, or AdminSetUserMFAPreference; the model predicts the outcome. */
class SetPreference implements Cmd {
  constructor(readonly admin: boolean, readonly index: number, readonly method: Method, readonly enabled: boolean, readonly preferred: boolean) {}
  check = (m: Readonly<Model>) => (this.admin ? m.users.some(u => u.exists) : m.tokens.some(t => tokenValid(m as Model, t)));
  async run(m: Model, s: System) {
    count(s, 'steps');
    const settings = { [SETTINGS[this.method]]: { Enabled: this.enabled, PreferredMfa: this.preferred } };
    let u: UserModel;
    let out: Outcome<unknown>;
    if (this.admin) {
      u = pick(m.users.filter(x => x.exists), this.index)!;
      out = await attempt(s.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: s.h.poolId, Username: u.email, ...settings })));
    } else {
      const t = pick(m.tokens.filter(x => tokenValid(m, x)), this.index)!;
      u = m.users[t.user];
      out = await attempt(s.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: t.access, ...settings })));
    }
    const expected = preferenceError(m.pool, u, this.method, this.enabled, this.preferred);
    if (out.ok && expected) fail(`${this.toString()} was accepted; Cognito refuses it (${expected})`);
    if (!out.ok && !expected) fail(`${this.toString()} was refused: ${out.error}: ${out.message}`);
    if (out.ok) applyPreference(u, this.method, this.enabled, this.preferred);
    count(s, out.ok ? 'MFA preferences changed' : 'MFA preferences refused');
  }
  toString = () => `SetPreference(${this.admin ? 'admin' : 'own token'}, ${this.index}, ${this.method}, ${this.enabled ? 'on' : 'off'}, ${this.preferred ? 'preferred' : '-'})`;
}

class ConfirmDevice implements Cmd {
  constructor(readonly token: number) {}
  check = (m: Readonly<Model>) => m.tokens.some(t => t.newDevice && tokenValid(m as Model, t));
  async run(m: Model, s: System) {
    count(s, 'steps');
    const t = pick(m.tokens.filter(x => x.newDevice && tokenValid(m, x)), this.token)!;
    const { key, groupKey } = t.newDevice!;
    const secret = `device-secret-${key.slice(-8)}`;
    const { salt, verifier } = makeVerifier(groupKey, key, secret);
    const out = await s.sdk.send(new ConfirmDeviceCommand({
      AccessToken: t.access, DeviceKey: key, DeviceName: 'model', DeviceSecretVerifierConfig: { PasswordVerifier: b64(verifier), Salt: b64(salt) },
    }));
    const prompt = !!m.pool.devices?.onlyRememberedOnUserPrompt;
    if (out.UserConfirmationNecessary !== prompt) fail(`ConfirmDevice said UserConfirmationNecessary ${out.UserConfirmationNecessary}`);
    m.users[t.user].devices.set(key, { key, groupKey, secret, confirmed: true, remembered: !prompt });
    t.newDevice = undefined;
    count(s, 'devices confirmed');
  }
  toString = () => `ConfirmDevice(${this.token})`;
}

class ChangeDevice implements Cmd {
  constructor(readonly token: number, readonly device: number, readonly change: 'remember' | 'not remember' | 'forget') {}
  check = (m: Readonly<Model>) => m.tokens.some(t => tokenValid(m as Model, t) && m.users[t.user].devices.size > 0);
  async run(m: Model, s: System) {
    count(s, 'steps');
    const t = pick(m.tokens.filter(x => tokenValid(m, x) && m.users[x.user].devices.size > 0), this.token)!;
    const devices = m.users[t.user].devices;
    const device = pick([...devices.values()], this.device)!;
    if (this.change === 'forget') {
      await s.sdk.send(new ForgetDeviceCommand({ AccessToken: t.access, DeviceKey: device.key }));
      devices.delete(device.key);
    } else {
      const remembered = this.change === 'remember';
      await s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: t.access, DeviceKey: device.key, DeviceRememberedStatus: remembered ? 'remembered' : 'not_remembered' }));
      device.remembered = remembered;
    }
    count(s, `devices: ${this.change}`);
  }
  toString = () => `ChangeDevice(${this.token}, ${this.device}, ${this.change})`;
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, s: System) {
    count(s, 'steps');
    advance(m, s, this.ms);
  }
  toString = () => `Wait(${this.ms / 1000} s)`;
}

// --- The command mix ----------------------------------------------------------------------------

const user = fc.nat(1);
const index = fc.nat(50);
const client = fc.constantFrom<ClientName>('A', 'B');
const method = fc.constantFrom<Method>('SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP');

/** Weighted toward sign-ins and their answers, where MFA could be skipped. */
export const commandArbitraries: fc.Arbitrary<Cmd>[] = [
  user.map(u => new SignUp(u)),
  fc.tuple(user, fc.boolean()).map(([u, right]) => new ConfirmSignUp(u, right)),
  user.map(u => new AdminCreate(u)),
  user.map(u => new AdminCreate(u)),
  user.map(u => new ResetPassword(u)),
  ...Array.from({ length: 4 }, () => fc.tuple(user, client, fc.constantFrom<Flow>('USER_PASSWORD_AUTH', 'USER_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH_PASSWORD', 'USER_AUTH_EMAIL_OTP'),
    fc.option(index, { nil: undefined, freq: 2 }),
    fc.integer({ min: 0, max: 4 })).map(([u, c, flow, device, wrong]) => new StartSignIn(u, c, flow, device, wrong !== 0))),
  // Three in four answers are right.
  ...Array.from({ length: 6 }, () => fc.tuple(index, fc.integer({ min: 0, max: 3 }), index).map(([a, r, choice]) => new Answer(a, r !== 0, choice))),
  fc.tuple(fc.constantFrom<'replay' | 'other client' | 'other user'>('replay', 'other client', 'other user'), index).map(([how, i]) => new MisuseSession(how, i)),
  index.map(t => new UseToken(t)),
  index.map(t => new UseToken(t)),
  index.map(t => new Refresh(t)),
  fc.tuple(index, fc.boolean()).map(([t, admin]) => new SignOut(t, admin)),
  fc.tuple(index, fc.boolean()).map(([t, prefer]) => new EnrolTotp(t, prefer)),
  fc.tuple(fc.boolean(), index, method, fc.boolean(), fc.boolean())
    .map(([admin, i, mth, on, preferred]) => new SetPreference(admin, i, mth, on, preferred)),
  index.map(t => new ConfirmDevice(t)),
  index.map(t => new ConfirmDevice(t)),
  fc.tuple(index, index, fc.constantFrom<'remember' | 'not remember' | 'forget'>('remember', 'not remember', 'forget')).map(([t, d, c]) => new ChangeDevice(t, d, c)),
  fc.constantFrom(1_000, 31_000, 4 * 60_000).map(ms => new Wait(ms)),
];
