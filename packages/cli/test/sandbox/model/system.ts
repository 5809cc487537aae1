/**
 * The real system the model runs against: one sandbox per pool configuration, reached through the
 * AWS SDK, with two app clients. Each fast-check run uses fresh users, so runs do not interfere.
 */
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { PoolModel, UserModel } from './model';
import { CLOCK_START_MS, Harness, startHarness, synthPool } from '../../support';

export interface PoolSetup {
  readonly model: PoolModel;
  readonly props: cognito.UserPoolProps;
}

const SES = { email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.com', sesRegion: 'us-east-1' }), featurePlan: cognito.FeaturePlan.ESSENTIALS };

/** The pool configurations the model runs against. */
export const POOLS: PoolSetup[] = [
  {
    model: {
      name: 'MFA required (TOTP, SMS), devices remembered on user prompt',
      mode: 'ON',
      methods: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'],
      devices: { challengeRequiredOnNewDevice: true, onlyRememberedOnUserPrompt: true },
      passwordless: false,
    },
    props: {
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: true },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    },
  },
  {
    model: {
      name: 'MFA optional (TOTP, email), devices always remembered',
      mode: 'OPTIONAL',
      methods: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
      devices: { challengeRequiredOnNewDevice: true, onlyRememberedOnUserPrompt: false },
      passwordless: false,
    },
    props: {
      ...SES,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false, email: true },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
    },
  },
  {
    model: { name: 'MFA optional (TOTP, SMS) with passwordless email codes', mode: 'OPTIONAL', methods: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'], passwordless: true },
    props: {
      ...SES,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: true },
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
    },
  },
  {
    model: {
      name: 'MFA off, devices tracked without a challenge',
      mode: 'OFF',
      methods: [],
      devices: { challengeRequiredOnNewDevice: false, onlyRememberedOnUserPrompt: false },
      passwordless: false,
    },
    props: { mfa: cognito.Mfa.OFF, deviceTracking: { challengeRequiredOnNewDevice: false, deviceOnlyRememberedOnUserPrompt: false } },
  },
];

/** What the commands count, to show the runs reached the interesting states. */
export type Stats = Record<string, number>;

export interface System {
  readonly h: Harness;
  readonly sdk: CognitoIdentityProviderClient;
  readonly clients: Readonly<Record<'A' | 'B', string>>;
  /** The SRP "pool name": the pool id after the underscore. */
  readonly poolName: string;
  /** The sandbox's clock, which only the model moves. */
  readonly clock: { now: number };
  readonly stats: Stats;
}

export async function startSystem(setup: PoolSetup): Promise<System> {
  const authFlows: cognito.AuthFlow = { userPassword: true, userSrp: true, adminUserPassword: true, user: true };
  const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true }, ...setup.props },
    { authFlows }, (_stack, pool) => pool.addClient('Other', { authFlows }));
  const clock = { now: CLOCK_START_MS };
  const h = await startHarness(template, { log: () => undefined, clock: () => clock.now });
  const [web, other] = h.sandbox.userPools[0].clients;
  return { h, sdk: h.cognito, clients: { A: web.id, B: other.id }, poolName: h.poolId.split('_')[1], clock, stats: {} };
}

/** Creates the model's user as an administrator would: confirmed, email verified, permanent password. */
export async function createConfirmedUser(s: System, u: UserModel): Promise<void> {
  await s.sdk.send(new AdminCreateUserCommand({
    UserPoolId: s.h.poolId,
    Username: u.email,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: u.email }, { Name: 'email_verified', Value: 'true' }, ...(u.phone ? [{ Name: 'phone_number', Value: u.phone }] : [])],
  }));
  await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: s.h.poolId, Username: u.email, Password: u.password, Permanent: true }));
  u.exists = true;
  u.confirmed = true;
}

export const count = (s: System, what: string) => {
  s.stats[what] = (s.stats[what] ?? 0) + 1;
};

/** A code that is certainly not `code`. */
export const otherThan = (code: string) => code.split('').map(d => String((Number(d) + 1) % 10)).join('');

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly message: string };

/** Runs an SDK call and reports its outcome instead of throwing Cognito's errors. */
export async function attempt<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call };
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    if ((e.$metadata?.httpStatusCode ?? 0) >= 500) throw new Error(`the sandbox answered ${e.$metadata?.httpStatusCode}: ${e.name}: ${e.message}`);
    if (!e.$metadata) throw err;
    return { ok: false, error: e.name, message: e.message };
  }
}
