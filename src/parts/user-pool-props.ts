import { Aws, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { SmsSender } from './sms-role';
import { ResolvedAuthConfig, ResolvedPasswordPolicy } from '../config/resolved';
import { domainHostname } from '../config/resolved-front-door';
import { isToken } from '../config/tokens';
import { MfaMode, VerificationEmailStyle } from '../config/types';

const MFA_MODES: Record<MfaMode, cognito.Mfa> = {
  [MfaMode.OFF]: cognito.Mfa.OFF,
  [MfaMode.OPTIONAL]: cognito.Mfa.OPTIONAL,
  [MfaMode.REQUIRED]: cognito.Mfa.REQUIRED,
};

/**
 * Maps the resolved config to the L2 `UserPool` props. The rules have already run; this only maps.
 * What the L2 cannot take (email MFA texts, number tokens in the password policy) goes on the L1:
 * see `l1-overrides.ts`.
 */
export function buildUserPoolProps(config: ResolvedAuthConfig, sms: SmsSender | undefined, stackRegion: string): cognito.UserPoolProps {
  const mfa = config.multifactor;
  const { email, phone } = config.loginWith;
  return {
    userPoolName: config.userPoolName,
    selfSignUpEnabled: config.selfSignUp,
    signInAliases: { username: false, email: email !== undefined, phone: phone !== undefined },
    signInCaseSensitive: config.signInCaseSensitive,
    // Verify every address a code is sent to, and keep the old verified value until a change is verified.
    autoVerify: { email: email !== undefined || mfa.email, phone: phone !== undefined || mfa.sms },
    keepOriginal: { email: email !== undefined, phone: phone !== undefined },
    userVerification: {
      emailStyle: email?.verificationEmailStyle === VerificationEmailStyle.LINK
        ? cognito.VerificationEmailStyle.LINK
        : cognito.VerificationEmailStyle.CODE,
      emailSubject: email?.verificationEmailSubject,
      emailBody: email?.verificationEmailBody,
      smsMessage: phone?.verificationMessage,
    },
    userInvitation: email?.userInvitation,
    standardAttributes: config.userAttributes,
    customAttributes: config.customAttributes,
    mfa: MFA_MODES[mfa.mode],
    mfaSecondFactor: mfa.mode === MfaMode.OFF ? undefined : { otp: mfa.totp, sms: mfa.sms, email: mfa.email },
    mfaMessage: mfa.smsMessage,
    passwordPolicy: literalPasswordPolicy(config.passwordPolicy),
    signInPolicy: signInPolicy(config),
    featurePlan: config.featurePlan,
    standardThreatProtectionMode: config.threatProtection,
    accountRecovery: config.accountRecovery,
    deviceTracking: config.deviceTracking,
    email: emailSender(config, stackRegion),
    ...smsProps(sms, config),
    customSenderKmsKey: config.senders.kmsKey,
    removalPolicy: config.removalPolicy,
    deletionProtection: config.deletionProtection,
    ...passkeyProps(config, stackRegion),
  };
}

/**
 * The relying party and user verification, written out even where Cognito has a default, so the
 * template (and the sandbox reading it) says what passkeys are bound to. An unset ID defaults to the
 * domain's host when it is known at synth time.
 */
function passkeyProps(config: ResolvedAuthConfig, stackRegion: string): Pick<cognito.UserPoolProps, 'passkeyRelyingPartyId' | 'passkeyUserVerification'> {
  const webAuthn = config.passwordless.webAuthn;
  if (!webAuthn) return {};
  const domainHost = config.domain ? domainHostname(config.domain, stackRegion) : undefined;
  const relyingPartyId = webAuthn.relyingPartyId ?? (domainHost !== undefined && !Token.isUnresolved(domainHost) ? domainHost : undefined);
  return { passkeyRelyingPartyId: relyingPartyId, passkeyUserVerification: webAuthn.userVerification };
}

/** The L2 range-checks minLength and passwordHistorySize even when they are tokens; those go on the L1. */
function literalPasswordPolicy(policy: ResolvedPasswordPolicy): cognito.PasswordPolicy {
  return {
    ...policy,
    minLength: isToken(policy.minLength) ? undefined : policy.minLength,
    passwordHistorySize: isToken(policy.passwordHistorySize) ? undefined : policy.passwordHistorySize,
  };
}

function signInPolicy(config: ResolvedAuthConfig): cognito.SignInPolicy | undefined {
  const pwl = config.passwordless;
  if (!pwl.enabled) return undefined;
  return { allowedFirstAuthFactors: { password: true, emailOtp: pwl.emailOtp, smsOtp: pwl.smsOtp, passkey: pwl.passkey } };
}

function emailSender(config: ResolvedAuthConfig, stackRegion: string): cognito.UserPoolEmail | undefined {
  const ses = config.senders.email;
  if (!ses) return undefined;
  return cognito.UserPoolEmail.withSES({
    fromEmail: ses.fromEmail,
    fromName: ses.fromName,
    replyTo: ses.replyTo,
    configurationSetName: ses.configurationSet,
    sesRegion: sesRegionFor(ses.sesRegion, stackRegion),
    sesVerifiedDomain: ses.sesVerifiedDomain,
  });
}

/**
 * Not a config default (that is "the stack's region", which the L2 applies): the L2 cannot derive
 * the SES region from a region-agnostic stack, so the mapper hands it CloudFormation's AWS::Region.
 */
function sesRegionFor(given: string | undefined, stackRegion: string): string | undefined {
  if (given !== undefined) return given;
  return Token.isUnresolved(stackRegion) ? Aws.REGION : undefined;
}

/** Our own SMS role (or the user's) replaces the L2's, whose external ID changes when the construct moves. */
function smsProps(sms: SmsSender | undefined, config: ResolvedAuthConfig): Partial<cognito.UserPoolProps> {
  if (!sms) return { enableSmsRole: false };
  return { smsRole: sms.role, smsRoleExternalId: sms.externalId, snsRegion: config.senders.snsRegion };
}
