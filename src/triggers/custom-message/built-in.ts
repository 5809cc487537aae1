/**
 * The custom-messages built-in trigger, as the construct sees it: its config, rules and wiring.
 * The handler is `custom-message.lambda.ts`; this file is never bundled into it.
 */
import { Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CustomMessageConfig, DEFAULT_LOCALE, DEFAULT_LOCALE_ATTRIBUTE, LIMITS } from './config';
import { CUSTOM_MESSAGE_CONFIG } from './env-names';
import { serializeCustomMessageConfig } from './serialize';
import { checkedAtDeploy, Finding, problem } from '../../config/findings';
import { checkTemplate, TemplateRule } from '../../config/message-rules';
import { Placeholders } from '../../config/placeholders';
import { arrayOf, enumOf, required, string, struct } from '../../config/shape/shape';
import { isToken, stringParts } from '../../config/tokens';
import { CustomMessagesConfig, MessageSource, MessageTemplate } from '../../config/types';
import { lazy } from '../../lazy';
import { BuiltInTrigger } from '../built-in-trigger';
import { jsonEnv } from '../json-env';

// The function class extends lambda.Function: loading it loads aws-lambda, so only a config with this trigger does.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use (lazy.ts)
const functionClass = lazy(() => (require('./custom-message-function') as typeof import('./custom-message-function')).CustomMessageFunction);

const PATH = 'triggers.customMessages';

export interface ResolvedCustomMessages {
  readonly templates: readonly MessageTemplate[];
  readonly localeAttribute: string;
  readonly defaultLocale: string;
}

const messageSource = enumOf<MessageSource>('MessageSource', '@cdk-mfa/auth.MessageSource', MessageSource,
  // Cognito's trigger sources, as a handler author knows them.
  Object.fromEntries(Object.values(MessageSource).map(source => [`CustomMessage_${source}`, source])));

export const CUSTOM_MESSAGES: BuiltInTrigger<'customMessages', ResolvedCustomMessages> = {
  key: 'customMessages',
  slot: { key: 'customMessage', operation: cognito.UserPoolOperation.CUSTOM_MESSAGE },
  functionId: 'CustomMessageTrigger',
  shape: struct<CustomMessagesConfig>('CustomMessagesConfig', '@cdk-mfa/auth.CustomMessagesConfig', {
    templates: required(arrayOf(struct<MessageTemplate>('MessageTemplate', '@cdk-mfa/auth.MessageTemplate', {
      source: required(messageSource),
      locale: string(),
      message: required(string()),
      subject: string(),
    }))),
    localeAttribute: string(),
    defaultLocale: string(),
  }),
  resolve: config => ({
    templates: config.templates,
    localeAttribute: config.localeAttribute ?? DEFAULT_LOCALE_ATTRIBUTE,
    defaultLocale: config.defaultLocale ?? DEFAULT_LOCALE,
  }),
  validate(config, auth) {
    if (config.templates.length === 0) {
      return [problem(`${PATH}.templates`, 'give at least one template', 'e.g. { source: MessageSource.SIGN_UP, message: `Code ${Placeholders.CODE}` }')];
    }
    const findings: Finding[] = [];
    for (const key of ['localeAttribute', 'defaultLocale'] as const) {
      if (config[key].trim() === '') findings.push(problem(`${PATH}.${key}`, 'must not be empty'));
    }
    const seen = new Set<string>();
    config.templates.forEach((template, index) => {
      const path = `${PATH}.templates[${index}]`;
      const locale = template.locale ?? config.defaultLocale;
      if (template.locale !== undefined && template.locale.trim() === '') findings.push(problem(`${path}.locale`, 'must not be empty', 'leave it out for the default locale'));
      const key = `${locale}/${template.source}`;
      if (isToken(locale)) findings.push(checkedAtDeploy(`${path}.locale`, 'whether another template has the same locale and source (the later one would win)'));
      else if (seen.has(key)) findings.push(problem(path, `a second template for ${template.source} in locale ${locale}`, 'keep one'));
      seen.add(key);
      // A message that may go out by SMS must also fit the 140-character SMS limit.
      findings.push(...checkTemplate(`${path}.message`, template.message, messageRule(template.source, auth.sendsSms)));
      findings.push(...checkTemplate(`${path}.subject`, template.subject, LIMITS.emailSubject));
    });
    return [...findings, ...environmentSize(config)];
  },
  wire: (scope, config, base) => new (functionClass())(scope, CUSTOM_MESSAGES.functionId, {
    ...base,
    description: 'Per-message and per-locale Cognito message templates',
    environment: { [CUSTOM_MESSAGE_CONFIG]: jsonEnv(scope, toHandlerConfig(config)) },
  }),
  grants: [],
};

function messageRule(source: MessageSource, smsDelivery: boolean): TemplateRule {
  const invitation = source === MessageSource.ADMIN_CREATE_USER;
  return {
    ...(smsDelivery ? LIMITS.smsMessage : LIMITS.emailMessage),
    requires: invitation ? [Placeholders.USERNAME, Placeholders.CODE] : [Placeholders.CODE],
    forbids: invitation ? [] : [Placeholders.USERNAME],
  };
}

/** The handler's view: templates by locale, then by message source. */
export function toHandlerConfig(config: ResolvedCustomMessages): CustomMessageConfig {
  const templates: Record<string, Record<string, { subject?: string; message: string }>> = {};
  for (const t of config.templates) {
    const locale = t.locale ?? config.defaultLocale;
    templates[locale] = { ...templates[locale], [t.source]: { subject: t.subject, message: t.message } };
  }
  return { localeAttribute: config.localeAttribute, defaultLocale: config.defaultLocale, templates };
}

/** Lambda refuses an environment over 4 KB. With tokens, the literal text is a lower bound on the size. */
function environmentSize(config: ResolvedCustomMessages): Finding[] {
  const serialized = serializeCustomMessageConfig(toHandlerConfig(config));
  if (!Token.isUnresolved(serialized.value)) return serialized.problems.map(message => problem(PATH, message.replace(`${PATH} `, '')));
  const literalOnly = serializeCustomMessageConfig(toHandlerConfig({
    ...config,
    templates: config.templates.map(t => ({ ...t, message: literal(t.message), subject: t.subject && literal(t.subject) })),
  }));
  return literalOnly.problems.length > 0
    ? literalOnly.problems.map(message => problem(PATH, `its literal text alone ${message.replace(`${PATH} `, '')}`))
    : [checkedAtDeploy(PATH, "the size of the function's environment (Lambda's 4 KB limit)")];
}

function literal(value: string): string {
  return stringParts(value).literals.join('');
}
