import { Finding, problem } from './findings';
import { checkLength } from './message-rules';
import { ResolvedAuthConfig } from './resolved';
import { stringParts } from './tokens';

const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Cognito's pattern for ReplyToEmailAddress. */
const REPLY_TO = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
/** SES configuration set names, as Cognito's EmailConfiguration documents them: 1-64 of these. */
const CONFIGURATION_SET = /^[a-zA-Z0-9_-]+$/;
/**
 * Cognito documents no limit for the sender name; the whole `From` header ("name" <address>) must
 * fit the 998-character line of RFC 5322, so that is the limit we check.
 */
const FROM_HEADER_MAX = 998;

/** SES email, the SMS role, and the custom sender functions. */
export function validateSenders(config: ResolvedAuthConfig): Finding[] {
  const senders = config.senders;
  const findings: Finding[] = [];
  const byo = senders.smsRole;
  if (byo) {
    const id = stringParts(byo.externalId);
    if (id.kind === 'literal' && id.literals[0].trim().length < 2) {
      findings.push(problem('senders.smsRole.externalId', 'a bring-your-own SMS role needs the external ID its trust policy requires (sts:ExternalId, at least 2 characters)'));
    }
  }
  if ((senders.customEmailSender || senders.customSmsSender) && !senders.kmsKey) {
    findings.push(problem('senders.kmsKey', 'custom email/SMS senders need a KMS key that Cognito encrypts codes with', 'set senders.kmsKey'));
  }
  const email = senders.email;
  if (!email) return findings;
  const from = stringParts(email.fromEmail);
  if (from.kind === 'literal' && !EMAIL_ADDRESS.test(email.fromEmail)) {
    findings.push(problem('senders.email.fromEmail', 'must be an email address on an SES-verified identity', 'e.g. noreply@example.com'));
  }
  if (email.fromName !== undefined) {
    const addressLength = from.literalLength + 5; // "name" <address>: two quotes, a space and two angle brackets
    findings.push(...checkLength('senders.email.fromName', email.fromName, 1, FROM_HEADER_MAX - addressLength));
  }
  if (email.replyTo !== undefined && stringParts(email.replyTo).kind === 'literal' && !REPLY_TO.test(email.replyTo)) {
    findings.push(problem('senders.email.replyTo', 'must be an email address without spaces (Cognito\'s ReplyToEmailAddress pattern)', 'e.g. help@example.com'));
  }
  if (email.configurationSet !== undefined) {
    const set = email.configurationSet;
    findings.push(...checkLength('senders.email.configurationSet', set, 1, 64));
    if (stringParts(set).kind === 'literal' && set.length > 0 && !CONFIGURATION_SET.test(set)) {
      findings.push(problem('senders.email.configurationSet', 'may hold only letters, digits, "_" and "-" (an SES configuration set name)'));
    }
  }
  return findings;
}
