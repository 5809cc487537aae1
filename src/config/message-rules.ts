import { checkedAtDeploy, Finding, problem } from './findings';
import { LINK_PLACEHOLDER_PATTERN, Placeholders } from './placeholders';
import { stringParts } from './tokens';
import { LIMITS as COGNITO_MESSAGE_LIMITS } from '../triggers/custom-message/config';

// Cognito's length limits for message templates (CreateUserPool API reference), shared with the
// custom-message handler so the construct and the handler never disagree.
const { smsMessage: SMS, emailMessage: EMAIL_BODY, emailSubject: EMAIL_SUBJECT } = COGNITO_MESSAGE_LIMITS;

/** What a template must hold, and how long it may be. */
export interface TemplateRule {
  readonly min: number;
  readonly max: number;
  /** Placeholders that must all appear. */
  readonly requires?: readonly string[];
  /** Placeholders that must not appear (Cognito has nothing to put there). */
  readonly forbids?: readonly string[];
  /** The template must contain a verification link `{##text##}`. */
  readonly requiresLink?: boolean;
}

export const RULES = {
  smsWithCode: { ...SMS, requires: [Placeholders.CODE] },
  emailWithCode: { ...EMAIL_BODY, requires: [Placeholders.CODE] },
  emailWithLink: { ...EMAIL_BODY, requiresLink: true },
  subject: { ...EMAIL_SUBJECT },
  smsInvitation: { ...SMS, requires: [Placeholders.USERNAME, Placeholders.CODE] },
  emailInvitation: { ...EMAIL_BODY, requires: [Placeholders.USERNAME, Placeholders.CODE] },
} satisfies Record<string, TemplateRule>;

/**
 * Checks one template against a rule; nothing for an unset value.
 *
 * A token (an SSM parameter, an imported value) is only known at deploy time. For a string that
 * mixes literal text and tokens, the literal text still proves some things: it is a lower bound on
 * the length (too long is an error), and a placeholder in it is certainly there. What it cannot
 * prove (the minimum length, a placeholder not in the literal text) becomes a warning.
 */
export function checkTemplate(path: string, value: string | undefined, rule: TemplateRule): Finding[] {
  if (value === undefined) return [];
  const parts = stringParts(value);
  if (parts.kind === 'token') return [checkedAtDeploy(path, describeRule(rule))];
  const text = parts.literals.join('\n');
  const exact = parts.kind === 'literal';
  const findings: Finding[] = [];
  const unproven: string[] = [];
  if (parts.literalLength > rule.max || (exact && parts.literalLength < rule.min)) {
    const got = exact ? `got ${parts.literalLength}` : `its literal text alone is ${parts.literalLength}`;
    findings.push(problem(path, `must be ${rule.min} to ${rule.max} characters long (Cognito's limit), ${got}`));
  } else if (!exact) {
    unproven.push(`its length (${rule.min} to ${rule.max} characters)`);
  }
  for (const placeholder of rule.requires ?? []) {
    if (text.includes(placeholder)) continue;
    if (exact) findings.push(problem(path, `must contain the placeholder ${placeholder}${hintFor(placeholder)}`));
    else unproven.push(`the placeholder ${placeholder}`);
  }
  for (const placeholder of rule.forbids ?? []) {
    if (text.includes(placeholder)) findings.push(problem(path, `must not contain ${placeholder}`, 'only invitation (AdminCreateUser) messages have one'));
  }
  if (rule.requiresLink && !LINK_PLACEHOLDER_PATTERN.test(text)) {
    if (exact) findings.push(problem(path, `must contain a verification link such as ${Placeholders.LINK} (use Placeholders.link('text'))`));
    else unproven.push('a verification link {##...##}');
  }
  if (unproven.length > 0) findings.push(checkedAtDeploy(path, `${unproven.join(' and ')} in the token part`));
  return findings;
}

function describeRule(rule: TemplateRule): string {
  const holds = [...(rule.requires ?? []), ...(rule.requiresLink ? ['a verification link'] : [])];
  return `its length (${rule.min} to ${rule.max} characters)${holds.length ? ` and ${holds.join(' and ')}` : ''}`;
}

function hintFor(placeholder: string): string {
  return placeholder === Placeholders.CODE ? ' (Placeholders.CODE)' : ' (Placeholders.USERNAME)';
}

/**
 * Checks a plain length limit (names, sender names): an error when the literal text alone is too
 * long, a warning when a token leaves the length open.
 */
export function checkLength(path: string, value: string | undefined, min: number, max: number, limit = "Cognito's limit"): Finding[] {
  if (value === undefined) return [];
  const parts = stringParts(value);
  if (parts.kind === 'token') return [checkedAtDeploy(path, `its length (${min} to ${max} characters)`)];
  if (parts.literalLength > max || (parts.kind === 'literal' && parts.literalLength < min)) {
    return [problem(path, `must be ${min} to ${max} characters long (${limit}), got ${parts.kind === 'literal' ? '' : 'at least '}${parts.literalLength}`)];
  }
  return parts.kind === 'mixed' ? [checkedAtDeploy(path, `its length (at most ${max} characters)`)] : [];
}
