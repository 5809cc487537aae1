import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Finding, problem } from './findings';
import { checkTemplate, RULES } from './message-rules';
import { ResolvedAuthConfig } from './resolved';
import { MfaMode } from './types';

/** Second factors: at least one when MFA is on, and what each one needs to reach users. */
export function validateMultifactor(config: ResolvedAuthConfig): Finding[] {
  const mfa = config.multifactor;
  if (mfa.mode === MfaMode.OFF) {
    const asked = config.raw.multifactor;
    return asked && (asked.totp || asked.sms || asked.email)
      ? [problem('multifactor', 'mode is OFF but methods are set', 'set mode to OPTIONAL or REQUIRED, or remove totp/sms/email')]
      : [];
  }
  const findings: Finding[] = [];
  if (!mfa.totp && !mfa.sms && !mfa.email) {
    findings.push(problem('multifactor', `mode ${mfa.mode} needs at least one method`, 'set multifactor.totp: true, multifactor.sms: {} or multifactor.email: {}'));
  }
  if (mfa.sms) {
    findings.push(...checkTemplate('multifactor.sms.message', mfa.smsMessage, RULES.smsWithCode));
    if (!config.collectsPhoneNumber) {
      findings.push(problem('multifactor.sms', 'users have no phone number to receive codes',
        'enable loginWith.phone or add userAttributes: { phoneNumber: { required: true } }'));
    }
  }
  if (mfa.email) {
    findings.push(
      ...checkTemplate('multifactor.email.message', mfa.emailMessage, RULES.emailWithCode),
      ...checkTemplate('multifactor.email.subject', mfa.emailSubject, RULES.subject),
    );
    if (!config.senders.email) {
      findings.push(problem('multifactor.email', 'email MFA needs an Amazon SES sender', 'set senders.email: { fromEmail: "noreply@your-verified-domain" }'));
    }
    if (config.featurePlan === cognito.FeaturePlan.LITE) {
      findings.push(problem('multifactor.email', 'email MFA is not available on the Lite feature plan', 'set featurePlan to ESSENTIALS or PLUS'));
    }
    if (!config.collectsEmail) {
      findings.push(problem('multifactor.email', 'users have no email address to receive codes',
        'enable loginWith.email or add userAttributes: { email: { required: true } }'));
    }
    if (!mfa.totp && !mfa.sms) {
      findings.push(problem('multifactor.email',
        'email as the only MFA method fails when CloudFormation creates the pool (Cognito requires an SMS configuration alongside EMAIL_OTP)',
        'also enable multifactor.totp or multifactor.sms, or create the pool with TOTP first and add email MFA in a later deployment'));
    }
  }
  return findings;
}
