/**
 * Props -> resolved config: every default applied here and only here (`DEFAULTS` is read by no other
 * file), plus the derived facts the rules and the mappers share. Runs after the shape check, so
 * every value has the type the props declare.
 */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { DEFAULTS } from './defaults';
import {
  FrontDoorFacts, resolveClientAccess, resolveDomain, resolveExternalProviders, resolveResourceServers,
} from './resolve-front-door';
import { resolveOperations } from './resolve-operations';
import {
  ResolvedAuthConfig, ResolvedClient, ResolvedLoginWith, ResolvedMultifactor, ResolvedNamedClient, ResolvedPasswordless,
  ResolvedPasswordPolicy, ResolvedPool, ResolvedTriggers, UserTriggerSlot,
} from './resolved';
import { ResolvedProvider } from './resolved-front-door';
import { AppClientConfig, AuthProps, MfaMode } from './types';
import { activateBuiltInTriggers } from '../triggers/built-ins';

export const USER_TRIGGER_SLOTS: readonly UserTriggerSlot[] = [
  'preSignUp', 'postConfirmation', 'preAuthentication', 'postAuthentication', 'customMessage', 'preTokenGeneration',
  'defineAuthChallenge', 'createAuthChallenge', 'verifyAuthChallengeResponse', 'userMigration',
  'inboundFederation',
];

export function resolveAuthConfig(props: AuthProps): ResolvedAuthConfig {
  const pool = resolvePool(props);
  return { ...pool, triggers: resolveTriggers(props, pool) };
}

function resolvePool(props: AuthProps): ResolvedPool {
  const loginWith = resolveLoginWith(props);
  const multifactor = resolveMultifactor(props);
  const featurePlan = props.featurePlan ?? DEFAULTS.featurePlan;
  const passwordless = resolvePasswordless(props);
  const collectsPhoneNumber = loginWith.phone !== undefined || props.userAttributes?.phoneNumber !== undefined;
  const collectsEmail = loginWith.email !== undefined || props.userAttributes?.email !== undefined;
  const facts: FrontDoorFacts = { collectsEmail, collectsPhoneNumber, defaults: DEFAULTS.frontDoor };
  const externalProviders = resolveExternalProviders(props, facts);
  return {
    raw: props,
    loginWith,
    multifactor,
    deviceTracking: props.deviceTracking,
    senders: props.senders ?? {},
    passwordPolicy: resolvePasswordPolicy(props, featurePlan),
    featurePlan,
    accountRecovery: props.accountRecovery
      ?? (loginWith.email ? cognito.AccountRecovery.EMAIL_ONLY : cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA),
    userAttributes: props.userAttributes,
    customAttributes: props.customAttributes,
    groups: props.groups ?? [],
    selfSignUp: props.selfSignUp ?? DEFAULTS.selfSignUp,
    identityPool: props.identityPool && {
      allowUnauthenticated: props.identityPool.allowUnauthenticated ?? DEFAULTS.identityPoolAllowUnauthenticated,
    },
    threatProtection: props.threatProtection,
    client: resolveClient(props.client ?? {}, passwordless, externalProviders, facts),
    appClients: (props.appClients ?? []).map((named, i): ResolvedNamedClient => ({
      ...resolveClient(named, undefined, externalProviders, facts),
      name: named.name,
      path: `appClients[${i}]`,
      generateSecret: named.generateSecret ?? DEFAULTS.generateSecret,
    })),
    resourceServers: resolveResourceServers(props),
    externalProviders,
    domain: resolveDomain(props, facts),
    passwordless,
    signInCaseSensitive: props.signInCaseSensitive ?? DEFAULTS.signInCaseSensitive,
    userPoolName: props.userPoolName,
    removalPolicy: props.removalPolicy ?? DEFAULTS.removalPolicy,
    deletionProtection: props.deletionProtection ?? DEFAULTS.deletionProtection,
    outputs: props.outputs ?? DEFAULTS.outputs,
    collectsPhoneNumber,
    collectsEmail,
    sendsSms: multifactor.sms
      || collectsPhoneNumber
      || passwordless.smsOtp
      || loginWith.email?.userInvitation?.smsMessage !== undefined,
    operations: resolveOperations(props, DEFAULTS.operations),
  };
}

function resolveLoginWith(props: AuthProps): ResolvedLoginWith {
  const { email, phone } = props.loginWith ?? {};
  return {
    email: email && { ...email, verificationEmailStyle: email.verificationEmailStyle ?? DEFAULTS.verificationEmailStyle },
    phone,
  };
}

function resolveMultifactor(props: AuthProps): ResolvedMultifactor {
  const config = props.multifactor ?? DEFAULTS.multifactor;
  if (config.mode === MfaMode.OFF) return { mode: MfaMode.OFF, totp: false, sms: false, email: false };
  const { sms, email } = props.multifactor ?? {};
  return {
    mode: config.mode,
    totp: config.totp ?? DEFAULTS.multifactor.totp,
    sms: sms !== undefined,
    email: email !== undefined,
    smsMessage: sms?.message,
    emailSubject: email?.subject,
    emailMessage: email?.message,
  };
}

/** A partial policy keeps our defaults for the fields it leaves out (Cognito would read them as "not required"). */
function resolvePasswordPolicy(props: AuthProps, plan: cognito.FeaturePlan): ResolvedPasswordPolicy {
  const given = props.passwordPolicy ?? {};
  const historyAllowed = plan !== cognito.FeaturePlan.LITE;
  return {
    minLength: given.minLength ?? DEFAULTS.passwordPolicy.minLength,
    requireLowercase: given.requireLowercase ?? DEFAULTS.passwordPolicy.requireLowercase,
    requireUppercase: given.requireUppercase ?? DEFAULTS.passwordPolicy.requireUppercase,
    requireDigits: given.requireDigits ?? DEFAULTS.passwordPolicy.requireDigits,
    requireSymbols: given.requireSymbols ?? DEFAULTS.passwordPolicy.requireSymbols,
    tempPasswordValidity: given.tempPasswordValidity ?? DEFAULTS.passwordPolicy.tempPasswordValidity,
    passwordHistorySize: given.passwordHistorySize ?? (historyAllowed ? DEFAULTS.passwordHistorySize : undefined),
  };
}

function resolvePasswordless(props: AuthProps): ResolvedPasswordless {
  const pwl = props.passwordless ?? {};
  const [emailOtp, smsOtp, passkey] = [pwl.emailOtp === true, pwl.smsOtp === true, pwl.passkey === true];
  const webAuthn = passkey ? {
    relyingPartyId: pwl.passkeyRelyingPartyId,
    userVerification: pwl.passkeyUserVerification ?? cognito.PasskeyUserVerification.PREFERRED,
  } : undefined;
  return { emailOtp, smsOtp, passkey, webAuthn, enabled: emailOtp || smsOtp || passkey };
}

/**
 * SRP sign-in, plus choice-based sign-in (USER_AUTH) when passwordless first factors are on (the
 * default client only: `passwordless` is undefined for the others); no user sign-in at all for a
 * machine-to-machine client.
 */
function resolveClient(
  client: AppClientConfig, passwordless: ResolvedPasswordless | undefined, providers: readonly ResolvedProvider[], facts: FrontDoorFacts,
): ResolvedClient {
  const machineOnly = client.oauth?.clientCredentials === true;
  const defaultFlows = machineOnly ? DEFAULTS.machineToMachineAuthFlows
    : passwordless?.enabled ? { ...DEFAULTS.authFlows, user: true } : DEFAULTS.authFlows;
  return {
    ...resolveClientAccess(client, providers, facts),
    authFlows: client.authFlows ?? defaultFlows,
    accessTokenValidity: client.accessTokenValidity ?? DEFAULTS.accessTokenValidity,
    idTokenValidity: client.idTokenValidity ?? DEFAULTS.idTokenValidity,
    refreshTokenValidity: client.refreshTokenValidity ?? DEFAULTS.refreshTokenValidity,
  };
}

function resolveTriggers(props: AuthProps, pool: ResolvedPool): ResolvedTriggers {
  const triggers = props.triggers ?? {};
  const functions = Object.fromEntries(USER_TRIGGER_SLOTS.filter(slot => triggers[slot]).map(slot => [slot, triggers[slot]]));
  return {
    functions,
    preTokenGenerationVersion: triggers.preTokenGenerationVersion ?? DEFAULTS.preTokenGenerationVersion,
    builtIns: activateBuiltInTriggers(triggers, pool),
    builtInLogRetention: triggers.builtInLogRetention ?? DEFAULTS.builtInLogRetention,
  };
}
