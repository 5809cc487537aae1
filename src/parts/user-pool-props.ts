import { Aws, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { SmsSender } from './sms-role';
import {
  DEFAULTS, resolveAccountRecovery, resolveFeaturePlan, resolveMultifactor, resolvePasswordPolicy, usesPasswordless,
} from '../config/defaults';
import { AuthProps, MfaMode, VerificationEmailStyle } from '../config/types';

const MFA_MODES: Record<MfaMode, cognito.Mfa> = {
  [MfaMode.OFF]: cognito.Mfa.OFF,
  [MfaMode.OPTIONAL]: cognito.Mfa.OPTIONAL,
  [MfaMode.REQUIRED]: cognito.Mfa.REQUIRED,
};

/**
 * Maps the declarative config to the L2 `UserPool` props. Validation has already run; this only maps.
 * Email MFA subject/message have no L2 prop and are set on the L1 by the Auth construct.
 */
export function buildUserPoolProps(props: AuthProps, sms: SmsSender | undefined, stackRegion: string): cognito.UserPoolProps {
  const mfa = resolveMultifactor(props);
  const { email, phone } = props.loginWith;
  return {
    userPoolName: props.userPoolName,
    selfSignUpEnabled: props.selfSignUp ?? DEFAULTS.selfSignUp,
    signInAliases: { username: false, email: email !== undefined, phone: phone !== undefined },
    signInCaseSensitive: props.signInCaseSensitive ?? DEFAULTS.signInCaseSensitive,
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
    standardAttributes: props.userAttributes,
    customAttributes: props.customAttributes,
    mfa: MFA_MODES[mfa.mode],
    mfaSecondFactor: mfa.mode === MfaMode.OFF ? undefined : { otp: mfa.totp, sms: mfa.sms, email: mfa.email },
    mfaMessage: mfa.config.sms?.message,
    passwordPolicy: resolvePasswordPolicy(props),
    signInPolicy: signInPolicy(props),
    featurePlan: resolveFeaturePlan(props),
    standardThreatProtectionMode: props.threatProtection,
    accountRecovery: resolveAccountRecovery(props),
    deviceTracking: props.deviceTracking,
    email: emailSender(props, stackRegion),
    ...smsProps(sms, props),
    customSenderKmsKey: props.senders?.kmsKey,
    removalPolicy: props.removalPolicy ?? DEFAULTS.removalPolicy,
    deletionProtection: props.deletionProtection ?? DEFAULTS.deletionProtection,
  };
}

function signInPolicy(props: AuthProps): cognito.SignInPolicy | undefined {
  const pwl = props.passwordless;
  if (!pwl || !usesPasswordless(props)) return undefined;
  return { allowedFirstAuthFactors: { password: true, emailOtp: pwl.emailOtp, smsOtp: pwl.smsOtp, passkey: pwl.passkey } };
}

function emailSender(props: AuthProps, stackRegion: string): cognito.UserPoolEmail | undefined {
  const ses = props.senders?.email;
  if (!ses) return undefined;
  return cognito.UserPoolEmail.withSES({
    fromEmail: ses.fromEmail,
    fromName: ses.fromName,
    replyTo: ses.replyTo,
    configurationSetName: ses.configurationSet,
    // Without a concrete stack region the L2 cannot derive the SES region; let CloudFormation resolve it.
    sesRegion: ses.sesRegion ?? (Token.isUnresolved(stackRegion) ? Aws.REGION : undefined),
    sesVerifiedDomain: ses.sesVerifiedDomain,
  });
}

/** Our own SMS role (or the user's) replaces the L2's, whose external ID changes when the construct moves. */
function smsProps(sms: SmsSender | undefined, props: AuthProps): Partial<cognito.UserPoolProps> {
  if (!sms) return { enableSmsRole: false };
  return { smsRole: sms.role, smsRoleExternalId: sms.externalId, snsRegion: props.senders?.snsRegion };
}
