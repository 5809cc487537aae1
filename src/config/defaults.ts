import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AuthProps, MfaMode, MultifactorConfig } from './types';
import { DEFAULT_LOCALE, DEFAULT_LOCALE_ATTRIBUTE } from '../triggers/custom-message/config';

/** The one place for defaults. Every value here is documented as an `@default` in types.ts. */
export const DEFAULTS = {
  multifactor: { mode: MfaMode.REQUIRED, totp: true } as MultifactorConfig,
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  removalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
  selfSignUp: true,
  outputs: true,
  signInCaseSensitive: false,
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: true,
    tempPasswordValidity: Duration.days(3),
  } as cognito.PasswordPolicy,
  /** Not allowed on the Lite plan, so added only on Essentials and Plus. */
  passwordHistorySize: 5,
  authFlows: { userSrp: true } as cognito.AuthFlow,
  accessTokenValidity: Duration.hours(1),
  idTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.days(30),
  mfaByGroupCacheTtl: Duration.seconds(60),
  builtInLogRetention: logs.RetentionDays.ONE_YEAR,
  localeAttribute: DEFAULT_LOCALE_ATTRIBUTE,
  defaultLocale: DEFAULT_LOCALE,
};

/** The MFA settings after defaults: which methods are on. */
export interface ResolvedMultifactor {
  readonly mode: MfaMode;
  readonly totp: boolean;
  readonly sms: boolean;
  readonly email: boolean;
  readonly config: MultifactorConfig;
}

export function resolveMultifactor(props: AuthProps): ResolvedMultifactor {
  const config = props.multifactor ?? DEFAULTS.multifactor;
  if (config.mode === MfaMode.OFF) {
    return { mode: MfaMode.OFF, totp: false, sms: false, email: false, config };
  }
  return {
    mode: config.mode,
    totp: config.totp ?? true,
    sms: config.sms !== undefined,
    email: config.email !== undefined,
    config,
  };
}


export function resolveFeaturePlan(props: AuthProps): cognito.FeaturePlan {
  return props.featurePlan ?? DEFAULTS.featurePlan;
}

export function resolvePasswordPolicy(props: AuthProps): cognito.PasswordPolicy {
  if (props.passwordPolicy) return props.passwordPolicy;
  const historyAllowed = resolveFeaturePlan(props) !== cognito.FeaturePlan.LITE;
  return historyAllowed
    ? { ...DEFAULTS.passwordPolicy, passwordHistorySize: DEFAULTS.passwordHistorySize }
    : DEFAULTS.passwordPolicy;
}

export function resolveAccountRecovery(props: AuthProps): cognito.AccountRecovery {
  if (props.accountRecovery !== undefined) return props.accountRecovery;
  return props.loginWith?.email ? cognito.AccountRecovery.EMAIL_ONLY : cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA;
}

/** The app client's flows: SRP, plus choice-based sign-in (USER_AUTH) when passwordless first factors are on. */
export function resolveAuthFlows(props: AuthProps): cognito.AuthFlow {
  return props.client?.authFlows ?? (usesPasswordless(props) ? { ...DEFAULTS.authFlows, user: true } : DEFAULTS.authFlows);
}

/** Whether any passwordless first factor (email or SMS code, passkey) is on. */
export function usesPasswordless(props: AuthProps): boolean {
  const pwl = props.passwordless;
  return !!pwl && !!(pwl.emailOtp || pwl.smsOtp || pwl.passkey);
}

/** Whether users can hold a phone number Cognito can verify and text. */
export function collectsPhoneNumber(props: AuthProps): boolean {
  return props.loginWith?.phone !== undefined || props.userAttributes?.phoneNumber !== undefined;
}

/**
 * Whether anything in the config sends SMS, so an SMS role is needed: SMS MFA, phone sign-in or
 * verification, passwordless SMS codes, or SMS invitations.
 */
export function sendsSms(props: AuthProps): boolean {
  const mfa = resolveMultifactor(props);
  return mfa.sms
    || collectsPhoneNumber(props)
    || props.passwordless?.smsOtp === true
    || props.loginWith?.email?.userInvitation?.smsMessage !== undefined;
}
