import { DEFAULTS } from '../config/defaults';
import { CustomMessagesConfig } from '../config/types';

/** The JSON shape the custom-message handler reads from its environment. */
export interface CustomMessageHandlerConfig {
  readonly localeAttribute: string;
  readonly defaultLocale: string;
  readonly templates: Record<string, Record<string, { subject?: string; message: string }>>;
}

/** Converts the construct's template list into the handler's locale -> source map. */
export function toCustomMessageHandlerConfig(config: CustomMessagesConfig): CustomMessageHandlerConfig {
  const defaultLocale = config.defaultLocale ?? DEFAULTS.defaultLocale;
  const templates: CustomMessageHandlerConfig['templates'] = {};
  for (const t of config.templates ?? []) {
    const locale = t.locale ?? defaultLocale;
    templates[locale] = { ...templates[locale], [t.source]: { subject: t.subject, message: t.message } };
  }
  return { localeAttribute: config.localeAttribute ?? DEFAULTS.localeAttribute, defaultLocale, templates };
}

export function toCustomMessageEnv(config: CustomMessagesConfig): string {
  return JSON.stringify(toCustomMessageHandlerConfig(config));
}
