import { HandlerTable } from './handler';
import { flowFromSession } from './sign-in/flow';
import { CognitoError, invalidParameter } from '../core/errors';
import { MfaMethod, MfaMode } from '../core/pool-config';
import { UserRecord } from '../core/records';
import { newTotpSecret, otpauthUri } from '../crypto/totp';
import { poolById, PoolRuntime, SandboxContext } from '../model/context';
import { terminalQr } from '../model/qr';
import { authenticateAccessToken } from '../model/tokens';
import { checkTotp } from '../model/totp';
import { requireUser } from '../model/users';

const MISMATCH = 'Code mismatch and fail enable Software Token MFA';

/** Either the MFA_SETUP session of a sign-in or a signed-in user's access token. */
function subject(ctx: SandboxContext, input: { Session?: string; AccessToken?: string }) {
  const sessionId = input.Session;
  if (sessionId) {
    const session = ctx.sessions.get(sessionId, undefined, 'MFA_SETUP');
    const pool = poolById(ctx, session.poolId);
    const client = ctx.clients.get(session.clientId)!;
    return { pool, user: flowFromSession(session, pool, client).user, session, sessionId, client };
  }
  if (!input.AccessToken) throw invalidParameter('Either AccessToken or Session is required.');
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  return { pool, user };
}

async function showQr(ctx: SandboxContext, pool: PoolRuntime, user: UserRecord, secret: string) {
  const label = user.attributes.email ?? user.attributes.phone_number ?? user.username;
  const uri = otpauthUri(secret, label, pool.config.name);
  // Showing the secret is how a developer enrols the sandbox user in an authenticator app.
  ctx.log(`TOTP for ${label} in ${pool.config.id}: scan with an authenticator app (or use ${uri})\n${await terminalQr(uri)}`);
}

interface MfaSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

/** Applies SetUserMFAPreference with Cognito's preconditions for each factor. */
function setPreference(pool: PoolRuntime, user: UserRecord, input: Record<string, any>): void {
  const changes: [MfaMethod, MfaSettings | undefined][] = [
    ['SMS_MFA', input.SMSMfaSettings],
    ['SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaSettings],
    ['EMAIL_OTP', input.EmailMfaSettings],
  ];
  const enabled = new Set(user.mfaEnabled);
  let preferred = user.preferredMfa;
  for (const [method, settings] of changes) {
    if (!settings) continue;
    if (settings.Enabled) {
      if (method === 'SMS_MFA' && !user.attributes.phone_number) throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
      if (method === 'EMAIL_OTP' && !user.attributes.email) throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
      if (method === 'SOFTWARE_TOKEN_MFA' && !user.totp?.verified) throw invalidParameter('User has not verified software token mfa');
      enabled.add(method);
    } else if (settings.Enabled === false) {
      enabled.delete(method);
      if (preferred === method) preferred = undefined;
    }
    if (settings.PreferredMfa) {
      if (!enabled.has(method)) throw invalidParameter(`${method} must be enabled to be preferred.`);
      preferred = method;
    } else if (settings.PreferredMfa === false && preferred === method) {
      preferred = undefined;
    }
  }
  // Under required MFA a user cannot drop their last factor; they must switch to another first.
  const usable = (m: MfaMethod) => pool.config.enabledMfas.includes(m);
  if (pool.config.mfaConfiguration === 'ON' && user.mfaEnabled.some(usable) && ![...enabled].some(usable)) {
    throw invalidParameter('MFA is required for this user pool: enable another MFA method before disabling the last one.');
  }
  user.mfaEnabled = [...enabled];
  user.preferredMfa = preferred;
}

function mfaConfigView(pool: PoolRuntime) {
  const c = pool.config;
  return {
    MfaConfiguration: c.mfaConfiguration,
    SoftwareTokenMfaConfiguration: { Enabled: c.enabledMfas.includes('SOFTWARE_TOKEN_MFA') },
    SmsMfaConfiguration: c.enabledMfas.includes('SMS_MFA') ? { SmsAuthenticationMessage: c.smsAuthenticationMessage } : undefined,
    EmailMfaConfiguration: c.enabledMfas.includes('EMAIL_OTP') ? { Message: c.emailAuthenticationMessage, Subject: c.emailAuthenticationSubject } : undefined,
  };
}

/** `satisfies`: the hosted pages call AssociateSoftwareToken and VerifySoftwareToken directly. */
export const mfaHandlers = {
  async AssociateSoftwareToken(ctx, input) {
    const s = subject(ctx, input);
    const secret = newTotpSecret();
    // The MFA_SETUP session is answered once: ended before the await (model/one-time.ts).
    if (s.sessionId) ctx.sessions.consume(s.sessionId);
    await showQr(ctx, s.pool, s.user, secret);
    if (s.sessionId) {
      const session = ctx.sessions.create({ ...s.session, totpSecret: secret, totpVerified: false });
      return { SecretCode: secret, Session: session };
    }
    s.user.pendingTotpSecret = secret;
    return { SecretCode: secret };
  },

  VerifySoftwareToken(ctx, input) {
    const s = subject(ctx, input);
    const secret = s.session ? s.session.totpSecret : s.user.pendingTotpSecret;
    if (!secret) throw new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been associated with the user. Call AssociateSoftwareToken first.');
    let step: number;
    try {
      step = checkTotp(secret, input.UserCode, ctx.now(), undefined, MISMATCH);
    } catch (e) {
      if (s.sessionId) ctx.sessions.recordFailure(s.sessionId);
      throw e instanceof CognitoError && e.type === 'CodeMismatchException' ? new CognitoError('EnableSoftwareTokenMFAException', MISMATCH) : e;
    }
    s.user.totp = { secret, verified: true, lastUsedStep: step };
    s.user.pendingTotpSecret = undefined;
    if (!s.session || !s.sessionId) return { Status: 'SUCCESS' };
    // Setting up TOTP during sign-in turns it on: the user has just proved it works.
    if (!s.user.mfaEnabled.includes('SOFTWARE_TOKEN_MFA')) s.user.mfaEnabled.push('SOFTWARE_TOKEN_MFA');
    s.user.preferredMfa ??= 'SOFTWARE_TOKEN_MFA';
    ctx.sessions.consume(s.sessionId);
    const session = ctx.sessions.create({ ...s.session, totpSecret: undefined, totpVerified: true });
    return { Status: 'SUCCESS', Session: session };
  },

  SetUserMFAPreference(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    setPreference(pool, user, input);
    return {};
  },

  AdminSetUserMFAPreference(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    setPreference(pool, requireUser(pool, input.Username), input);
    return {};
  },

  GetUserPoolMfaConfig(ctx, input) {
    return mfaConfigView(poolById(ctx, input.UserPoolId));
  },

  SetUserPoolMfaConfig(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const c = pool.config;
    const toggle = (method: MfaMethod, setting: { Enabled?: boolean } | undefined, list: MfaMethod[]) =>
      setting === undefined ? list : setting.Enabled === false ? list.filter(m => m !== method) : [...new Set([...list, method])];
    let methods = toggle('SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaConfiguration, c.enabledMfas);
    methods = toggle('SMS_MFA', input.SmsMfaConfiguration ? { Enabled: true } : undefined, methods);
    methods = toggle('EMAIL_OTP', input.EmailMfaConfiguration ? { Enabled: true } : undefined, methods);
    const mode: MfaMode = input.MfaConfiguration ?? c.mfaConfiguration;
    if (mode !== 'OFF' && methods.length === 0) throw invalidParameter("Invalid MFA configuration given, can't turn off all MFAs with OPTIONAL or ON MFA config");
    c.mfaConfiguration = mode;
    c.enabledMfas = methods;
    c.smsAuthenticationMessage = input.SmsMfaConfiguration?.SmsAuthenticationMessage ?? c.smsAuthenticationMessage;
    c.emailAuthenticationMessage = input.EmailMfaConfiguration?.Message ?? c.emailAuthenticationMessage;
    c.emailAuthenticationSubject = input.EmailMfaConfiguration?.Subject ?? c.emailAuthenticationSubject;
    pool.state.mfaOverride = {
      mfaConfiguration: mode,
      enabledMfas: methods,
      smsAuthenticationMessage: c.smsAuthenticationMessage,
      emailMessage: c.emailAuthenticationMessage,
      emailSubject: c.emailAuthenticationSubject,
    };
    return mfaConfigView(pool);
  },
} satisfies HandlerTable;
