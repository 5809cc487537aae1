import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  collectsPhoneNumber, DEFAULTS, resolveAuthFlows, resolveFeaturePlan, resolveMultifactor, resolvePasswordPolicy, usesPasswordless,
} from './defaults';
import { checkTemplate, RULES } from './message-rules';
import { AuthProps, MfaMode, PreTokenGenerationVersion, VerificationEmailStyle } from './types';
import { validateTriggerConfig } from './validate-triggers';

/**
 * Checks a config against Cognito's service rules before anything is created.
 *
 * Pure: needs no construct scope. Returns every problem found (empty when the config is valid), each
 * naming the property and saying how to fix it.
 */
export function validateAuthProps(props: AuthProps): string[] {
  return [
    ...validateLoginWith(props),
    ...validateMultifactor(props),
    ...validateSenders(props),
    ...validatePasswordless(props),
    ...validatePlanFeatures(props),
    ...validateClient(props),
    ...validatePasswordPolicy(props),
    ...validateGroups(props),
    ...validateTriggerConfig(props),
    ...validateRemovalPolicy(props),
  ];
}

/** CloudFormation's Snapshot policy exists only for resources with data snapshots; a user pool has none. */
function validateRemovalPolicy(props: AuthProps): string[] {
  return props.removalPolicy === RemovalPolicy.SNAPSHOT
    ? ['removalPolicy: a user pool cannot be snapshotted; use RemovalPolicy.RETAIN (default) to keep its users, or DESTROY.']
    : [];
}

function validateLoginWith(props: AuthProps): string[] {
  const { email, phone } = props.loginWith ?? {};
  if (!email && !phone) {
    return ['loginWith: enable at least one of loginWith.email or loginWith.phone (e.g. loginWith: { email: {} }).'];
  }
  const problems: string[] = [];
  if (email) {
    const link = email.verificationEmailStyle === VerificationEmailStyle.LINK;
    problems.push(
      ...checkTemplate('loginWith.email.verificationEmailBody', email.verificationEmailBody, link ? RULES.emailWithLink : RULES.emailWithCode),
      ...checkTemplate('loginWith.email.verificationEmailSubject', email.verificationEmailSubject, RULES.subject),
      ...checkTemplate('loginWith.email.userInvitation.emailBody', email.userInvitation?.emailBody, RULES.emailInvitation),
      ...checkTemplate('loginWith.email.userInvitation.emailSubject', email.userInvitation?.emailSubject, RULES.subject),
      ...checkTemplate('loginWith.email.userInvitation.smsMessage', email.userInvitation?.smsMessage, RULES.smsInvitation),
    );
  }
  if (phone) {
    problems.push(...checkTemplate('loginWith.phone.verificationMessage', phone.verificationMessage, RULES.smsWithCode));
  }
  return problems;
}

function validateMultifactor(props: AuthProps): string[] {
  const mfa = resolveMultifactor(props);
  const problems: string[] = [];
  if (mfa.mode === MfaMode.OFF) {
    const config = mfa.config;
    if (config.totp || config.sms || config.email) {
      problems.push('multifactor: mode is OFF but methods are set; set mode to OPTIONAL or REQUIRED, or remove totp/sms/email.');
    }
    return problems;
  }
  if (!mfa.totp && !mfa.sms && !mfa.email) {
    problems.push(`multifactor: mode ${mfa.mode} needs at least one method; set multifactor.totp: true, multifactor.sms: {} or multifactor.email: {}.`);
  }
  if (mfa.sms) {
    problems.push(...checkTemplate('multifactor.sms.message', mfa.config.sms?.message, RULES.smsWithCode));
    if (!collectsPhoneNumber(props)) {
      problems.push('multifactor.sms: users have no phone number to receive codes; enable loginWith.phone or add userAttributes: { phoneNumber: { required: true } }.');
    }
  }
  if (mfa.email) {
    problems.push(
      ...checkTemplate('multifactor.email.message', mfa.config.email?.message, RULES.emailWithCode),
      ...checkTemplate('multifactor.email.subject', mfa.config.email?.subject, RULES.subject),
    );
    if (!props.senders?.email) {
      problems.push('multifactor.email: email MFA needs an Amazon SES sender; set senders.email: { fromEmail: "noreply@your-verified-domain" }.');
    }
    if (resolveFeaturePlan(props) === cognito.FeaturePlan.LITE) {
      problems.push('multifactor.email: email MFA is not available on the Lite feature plan; set featurePlan to ESSENTIALS or PLUS.');
    }
    if (!props.loginWith?.email && !props.userAttributes?.email) {
      problems.push('multifactor.email: users have no email address to receive codes; enable loginWith.email or add userAttributes: { email: { required: true } }.');
    }
    if (!mfa.totp && !mfa.sms) {
      problems.push('multifactor.email: email as the only MFA method fails when CloudFormation creates the pool (Cognito requires an SMS configuration alongside EMAIL_OTP); also enable multifactor.totp or multifactor.sms, or create the pool with TOTP first and add email MFA in a later deployment.');
    }
  }
  return problems;
}

function validateSenders(props: AuthProps): string[] {
  const senders = props.senders;
  if (!senders) return [];
  const problems: string[] = [];
  const byo = senders.smsRole;
  if (byo && (!byo.externalId || (!Token.isUnresolved(byo.externalId) && byo.externalId.trim().length < 2))) {
    problems.push('senders.smsRole.externalId: a bring-your-own SMS role needs the external ID its trust policy requires (sts:ExternalId, at least 2 characters).');
  }
  if (byo && !byo.role) {
    problems.push('senders.smsRole.role: give the IAM role Cognito assumes to send SMS, or remove senders.smsRole to let this construct create one.');
  }
  if ((senders.customEmailSender || senders.customSmsSender) && !senders.kmsKey) {
    problems.push('senders.kmsKey: custom email/SMS senders need a KMS key that Cognito encrypts codes with; set senders.kmsKey.');
  }
  const email = senders.email;
  if (email && !Token.isUnresolved(email.fromEmail) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.fromEmail)) {
    problems.push('senders.email.fromEmail: must be an email address on an SES-verified identity, e.g. noreply@example.com.');
  }
  return problems;
}

function validatePasswordless(props: AuthProps): string[] {
  const pwl = props.passwordless;
  if (!pwl || !usesPasswordless(props)) return [];
  const problems: string[] = [];
  if (resolveMultifactor(props).mode === MfaMode.REQUIRED) {
    problems.push('passwordless: Cognito does not allow passwordless first factors (email/SMS codes, passkeys) in a pool where MFA is REQUIRED; set multifactor.mode to OPTIONAL, or remove passwordless.');
  }
  if (resolveFeaturePlan(props) === cognito.FeaturePlan.LITE) {
    problems.push('passwordless: choice-based sign-in needs the Essentials or Plus feature plan; set featurePlan to ESSENTIALS or PLUS.');
  }
  if (pwl.emailOtp && !props.loginWith?.email) {
    problems.push('passwordless.emailOtp: needs loginWith.email so users have an address to receive codes.');
  }
  if (pwl.smsOtp && !props.loginWith?.phone) {
    problems.push('passwordless.smsOtp: needs loginWith.phone so users have a number to receive codes.');
  }
  return problems;
}

function validatePlanFeatures(props: AuthProps): string[] {
  const plan = resolveFeaturePlan(props);
  const problems: string[] = [];
  if (props.threatProtection !== undefined && plan !== cognito.FeaturePlan.PLUS) {
    problems.push('threatProtection: threat protection needs the Plus feature plan; set featurePlan: cognito.FeaturePlan.PLUS or remove threatProtection.');
  }
  const version = props.triggers?.preTokenGenerationVersion;
  if (version && version !== PreTokenGenerationVersion.V1 && plan === cognito.FeaturePlan.LITE) {
    problems.push('triggers.preTokenGenerationVersion: V2 and V3 events need the Essentials or Plus feature plan.');
  }
  return problems;
}

function validateClient(props: AuthProps): string[] {
  const problems: string[] = [];
  const flows = resolveAuthFlows(props);
  if (!flows.userSrp && !flows.userPassword && !flows.adminUserPassword && !flows.custom && !flows.user) {
    problems.push('client.authFlows: enable at least one sign-in flow (userSrp is recommended).');
  }
  if (usesPasswordless(props) && !flows.user) {
    problems.push('client.authFlows: passwordless sign-in runs as choice-based sign-in (USER_AUTH); set client.authFlows.user: true, or leave client.authFlows unset.');
  }
  if (props.deviceTracking && !flows.userSrp) {
    problems.push('deviceTracking: remembered devices need SRP sign-in; set client.authFlows.userSrp: true.');
  }
  const client = props.client;
  problems.push(
    ...checkDuration('client.accessTokenValidity', client?.accessTokenValidity, Duration.minutes(5), Duration.days(1)),
    ...checkDuration('client.idTokenValidity', client?.idTokenValidity, Duration.minutes(5), Duration.days(1)),
    ...checkDuration('client.refreshTokenValidity', client?.refreshTokenValidity, Duration.minutes(60), Duration.days(3650)),
  );
  // The L2 (and Cognito) refuse access/ID tokens that outlive the refresh token.
  const refresh = client?.refreshTokenValidity ?? DEFAULTS.refreshTokenValidity;
  for (const name of ['accessTokenValidity', 'idTokenValidity'] as const) {
    const value = client?.[name];
    if (value && !value.isUnresolved() && !refresh.isUnresolved() && value.toMilliseconds() > refresh.toMilliseconds()) {
      problems.push(`client.${name} (${value.toHumanString()}) must not be longer than client.refreshTokenValidity (${refresh.toHumanString()}).`);
    }
  }
  return problems;
}

/** Cognito takes token validities in whole minutes (the L2 throws on a fraction). */
function checkDuration(path: string, value: Duration | undefined, min: Duration, max: Duration): string[] {
  if (!value || value.isUnresolved()) return [];
  const minutes = value.toMinutes({ integral: false });
  if (minutes < min.toMinutes({ integral: false }) || minutes > max.toMinutes({ integral: false }) || !Number.isInteger(minutes)) {
    return [`${path} must be between ${min.toHumanString()} and ${max.toHumanString()} in whole minutes, got ${value.toHumanString()}.`];
  }
  return [];
}

function validatePasswordPolicy(props: AuthProps): string[] {
  const policy = resolvePasswordPolicy(props);
  const problems: string[] = [];
  const min = policy.minLength;
  if (min !== undefined && (!Number.isInteger(min) || min < 6 || min > 99)) {
    problems.push(`passwordPolicy.minLength must be a whole number from 6 to 99, got ${min}.`);
  }
  const history = policy.passwordHistorySize;
  if (history !== undefined) {
    if (resolveFeaturePlan(props) === cognito.FeaturePlan.LITE) {
      problems.push('passwordPolicy.passwordHistorySize is not available on the Lite feature plan; remove it or set featurePlan to ESSENTIALS.');
    } else if (!Number.isInteger(history) || history < 0 || history > 24) {
      problems.push(`passwordPolicy.passwordHistorySize must be a whole number from 0 to 24, got ${history}.`);
    }
  }
  const temp = policy.tempPasswordValidity;
  // CloudFormation takes whole days (TemporaryPasswordValidityDays); the L2 throws on a fraction.
  const tempDays = temp && !temp.isUnresolved() ? temp.toDays({ integral: false }) : undefined;
  if (tempDays !== undefined && (tempDays < 1 || tempDays > 365 || !Number.isInteger(tempDays))) {
    problems.push(`passwordPolicy.tempPasswordValidity must be from 1 to 365 days, in whole days, got ${temp!.toHumanString()}.`);
  }
  return problems;
}

function validateGroups(props: AuthProps): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  (props.groups ?? []).forEach((group, index) => {
    const path = `groups[${index}]`;
    if (!group || typeof group.name !== 'string' || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(group.name)) {
      problems.push(`${path}.name must be 1 to 128 characters without whitespace.`);
      return;
    }
    if (seen.has(group.name)) problems.push(`${path}.name: group "${group.name}" is defined twice; group names must be unique.`);
    seen.add(group.name);
    if (group.precedence !== undefined && (!Number.isInteger(group.precedence) || group.precedence < 0)) {
      problems.push(`${path}.precedence must be a non-negative whole number, got ${group.precedence}.`);
    }
  });
  return problems;
}
