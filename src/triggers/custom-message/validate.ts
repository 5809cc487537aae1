/**
 * Synth-time validation of a {@link CustomMessageConfig}: pure, no CDK scope needed.
 * The handler runs the same check on its environment and falls back to Cognito's messages on failure.
 */
import { CODE_PLACEHOLDER, CustomMessageConfig, LIMITS, MESSAGE_SOURCES, USERNAME_PLACEHOLDER } from './config';
import { isRecord, Rec } from '../runtime/guards';

/** Options for {@link validateCustomMessageConfig}. */
export interface ValidateCustomMessageOptions {
  /** Property path used in messages. @default 'triggers.customMessages' */
  readonly path?: string;
  /**
   * Whether messages may be sent by SMS (phone sign-in, phone verification or SMS MFA).
   * When true, every message must also fit Cognito's 140-character SMS limit.
   * @default true
   */
  readonly smsDelivery?: boolean;
}

const SOURCES: ReadonlySet<string> = new Set(MESSAGE_SOURCES);

/** Human-readable problems with `config`, each naming its property path; empty when valid. */
export function validateCustomMessageConfig(config: CustomMessageConfig, options: ValidateCustomMessageOptions = {}): string[] {
  const path = options.path ?? 'triggers.customMessages';
  const raw: unknown = config;
  if (!isRecord(raw)) return [`${path} must be an object`];
  const problems: string[] = [];
  for (const key of ['localeAttribute', 'defaultLocale']) {
    const value = raw[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) problems.push(`${path}.${key} must be a non-empty string`);
  }
  if (!isRecord(raw.templates)) return [...problems, `${path}.templates must be an object of locales`];
  for (const [locale, templates] of Object.entries(raw.templates)) {
    const localePath = `${path}.templates.${locale}`;
    if (locale.trim() === '') problems.push(`${path}.templates has an empty locale name`);
    if (!isRecord(templates)) {
      problems.push(`${localePath} must be an object of message sources`);
      continue;
    }
    for (const [source, template] of Object.entries(templates)) {
      problems.push(...validateTemplate(`${localePath}.${source}`, source, template, options.smsDelivery ?? true));
    }
  }
  return problems;
}

function validateTemplate(path: string, source: string, template: unknown, smsDelivery: boolean): string[] {
  if (!SOURCES.has(source)) return [`${path}: ${source} is not a message source (expected one of ${MESSAGE_SOURCES.join(', ')})`];
  if (!isRecord(template)) return [`${path} must be an object with a message`];
  return [...validateMessage(path, source, template, smsDelivery), ...validateSubject(path, template)];
}

function validateMessage(path: string, source: string, template: Rec, smsDelivery: boolean): string[] {
  const message = template.message;
  if (typeof message !== 'string') return [`${path}.message must be a string`];
  const problems: string[] = [];
  if (!message.includes(CODE_PLACEHOLDER)) problems.push(`${path}.message must contain ${CODE_PLACEHOLDER}`);
  if (source === 'AdminCreateUser' && !message.includes(USERNAME_PLACEHOLDER)) problems.push(`${path}.message must contain ${USERNAME_PLACEHOLDER}`);
  if (source !== 'AdminCreateUser' && message.includes(USERNAME_PLACEHOLDER)) {
    problems.push(`${path}.message must not contain ${USERNAME_PLACEHOLDER} (only AdminCreateUser messages have it)`);
  }
  const limit = smsDelivery ? LIMITS.smsMessage : LIMITS.emailMessage;
  if (message.length < limit.min || message.length > limit.max) {
    const why = smsDelivery ? ' (SMS limit; set smsDelivery: false if messages are only emailed)' : '';
    problems.push(`${path}.message must be ${limit.min}-${limit.max} characters${why}, got ${message.length}`);
  }
  return problems;
}

function validateSubject(path: string, template: Rec): string[] {
  const subject = template.subject;
  if (subject === undefined) return [];
  const { min, max } = LIMITS.emailSubject;
  if (typeof subject !== 'string' || subject.length < min || subject.length > max) return [`${path}.subject must be a string of ${min}-${max} characters`];
  return [];
}
