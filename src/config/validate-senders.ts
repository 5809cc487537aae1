import { checkedAtDeploy, Finding, problem } from './findings';
import { checkLength } from './message-rules';
import { ResolvedAuthConfig } from './resolved';
import { stringParts } from './tokens';
import { lazy } from '../lazy';

const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Cognito's pattern for ReplyToEmailAddress. Built on first use: a Unicode property class takes about half a millisecond to build (lazy.ts). */
const REPLY_TO = lazy(() => /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u);
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
  } else if (from.kind !== 'literal') {
    findings.push(checkedAtDeploy('senders.email.fromEmail', 'whether it is an email address on an SES-verified identity'));
  }
  findings.push(...asciiLocalPart('senders.email.fromEmail', email.fromEmail), ...asciiLocalPart('senders.email.replyTo', email.replyTo));
  findings.push(...verifiedDomain(email.fromEmail, email.sesVerifiedDomain));
  if (email.fromName !== undefined) {
    const addressLength = from.literalLength + 5; // "name" <address>: two quotes, a space and two angle brackets
    findings.push(...checkLength('senders.email.fromName', email.fromName, 1, FROM_HEADER_MAX - addressLength,
      `the ${FROM_HEADER_MAX}-character From header line of RFC 5322, with the address`));
  }
  if (email.replyTo !== undefined && stringParts(email.replyTo).kind === 'literal' && !REPLY_TO().test(email.replyTo)) {
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

/** SES (and the L2) take only ASCII before the @; the domain may be internationalized (punycode). */
function asciiLocalPart(path: string, address: string | undefined): Finding[] {
  if (address === undefined || stringParts(address).kind !== 'literal') return [];
  const local = address.split('@')[0];
  return /^[\x20-\x7e]*$/.test(local) ? [] : [problem(path, 'may use only ASCII characters before the @', 'SES does not accept internationalized local parts')];
}

/** The L2 compares the two domains at synth time, so a token address cannot name a separate verified domain. */
function verifiedDomain(fromEmail: string, domain: string | undefined): Finding[] {
  if (domain === undefined) return [];
  if (stringParts(fromEmail).kind !== 'literal') {
    return [problem('senders.email.sesVerifiedDomain', 'cannot be used with a fromEmail that is a token (their domains must be compared at synth time)',
      'leave sesVerifiedDomain out, so the SES identity is the address itself, or give fromEmail literally')];
  }
  if (stringParts(domain).kind === 'literal' && fromEmail.split('@').pop() !== domain) {
    return [problem('senders.email.sesVerifiedDomain', `is "${domain}" but fromEmail is on "${fromEmail.split('@').pop()}"`,
      'send from an address on the verified domain, or leave sesVerifiedDomain out to use the address\'s own identity')];
  }
  return [];
}
