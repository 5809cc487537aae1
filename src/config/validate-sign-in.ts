import { Finding, problem } from './findings';
import { checkTemplate, RULES } from './message-rules';
import { ResolvedAuthConfig } from './resolved';
import { VerificationEmailStyle } from './types';

/** Sign-in attributes and the messages that verify them. */
export function validateSignIn(config: ResolvedAuthConfig): Finding[] {
  const { email, phone } = config.loginWith;
  if (!email && !phone) {
    return [problem('loginWith', 'enable at least one of loginWith.email or loginWith.phone', 'e.g. loginWith: { email: {} }')];
  }
  const findings: Finding[] = [];
  if (email) {
    const link = email.verificationEmailStyle === VerificationEmailStyle.LINK;
    findings.push(
      ...checkTemplate('loginWith.email.verificationEmailBody', email.verificationEmailBody, link ? RULES.emailWithLink : RULES.emailWithCode),
      ...checkTemplate('loginWith.email.verificationEmailSubject', email.verificationEmailSubject, RULES.subject),
      ...checkTemplate('loginWith.email.userInvitation.emailBody', email.userInvitation?.emailBody, RULES.emailInvitation),
      ...checkTemplate('loginWith.email.userInvitation.emailSubject', email.userInvitation?.emailSubject, RULES.subject),
      ...checkTemplate('loginWith.email.userInvitation.smsMessage', email.userInvitation?.smsMessage, RULES.smsInvitation),
    );
  }
  if (phone) findings.push(...checkTemplate('loginWith.phone.verificationMessage', phone.verificationMessage, RULES.smsWithCode));
  return findings;
}
