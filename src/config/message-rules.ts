import { Token } from 'aws-cdk-lib';
import { LINK_PLACEHOLDER_PATTERN, Placeholders } from './placeholders';
import { LIMITS as COGNITO_MESSAGE_LIMITS } from '../triggers/custom-message/config';

// Cognito's length limits for message templates (CreateUserPool API reference), shared with the
// custom-message handler so the construct and the handler never disagree.
const { smsMessage: SMS, emailMessage: EMAIL_BODY, emailSubject: EMAIL_SUBJECT } = COGNITO_MESSAGE_LIMITS;

/** What a template must hold, and how long it may be. */
export interface TemplateRule {
  readonly min: number;
  readonly max: number;
  /** Placeholders that must all appear. */
  readonly requires?: string[];
  /** The template must contain a verification link `{##text##}`. */
  readonly requiresLink?: boolean;
}

export const RULES = {
  smsWithCode: { ...SMS, requires: [Placeholders.CODE] } as TemplateRule,
  emailWithCode: { ...EMAIL_BODY, requires: [Placeholders.CODE] } as TemplateRule,
  emailWithLink: { ...EMAIL_BODY, requiresLink: true } as TemplateRule,
  subject: { ...EMAIL_SUBJECT } as TemplateRule,
  smsInvitation: { ...SMS, requires: [Placeholders.USERNAME, Placeholders.CODE] } as TemplateRule,
  emailInvitation: { ...EMAIL_BODY, requires: [Placeholders.USERNAME, Placeholders.CODE] } as TemplateRule,
};

/**
 * Checks one template against a rule. Returns problems that name `path`; none for unset or
 * unresolved (token) values, which only CloudFormation can check.
 */
export function checkTemplate(path: string, value: string | undefined, rule: TemplateRule): string[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  const problems: string[] = [];
  if (value.length < rule.min || value.length > rule.max) {
    problems.push(`${path} must be ${rule.min} to ${rule.max} characters long (Cognito's limit), got ${value.length}.`);
  }
  for (const placeholder of rule.requires ?? []) {
    if (!value.includes(placeholder)) {
      problems.push(`${path} must contain the placeholder ${placeholder}${hintFor(placeholder)}.`);
    }
  }
  if (rule.requiresLink && !LINK_PLACEHOLDER_PATTERN.test(value)) {
    problems.push(`${path} must contain a verification link such as ${Placeholders.LINK} (use Placeholders.link('text')).`);
  }
  return problems;
}

function hintFor(placeholder: string): string {
  return placeholder === Placeholders.CODE ? ' (Placeholders.CODE)' : ' (Placeholders.USERNAME)';
}
