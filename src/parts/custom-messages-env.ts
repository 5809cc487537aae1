import { DEFAULTS } from '../config/defaults';
import { CustomMessagesConfig } from '../config/types';
import { CustomMessageConfig } from '../triggers/custom-message/config';
import { serializeCustomMessageConfig } from '../triggers/custom-message/serialize';

/** Converts the construct's template list into the handler's locale -> source map. */
export function toCustomMessageHandlerConfig(config: CustomMessagesConfig): CustomMessageConfig {
  const defaultLocale = config.defaultLocale ?? DEFAULTS.defaultLocale;
  const templates: Record<string, Record<string, { subject?: string; message: string }>> = {};
  for (const t of config.templates ?? []) {
    const locale = t.locale ?? defaultLocale;
    templates[locale] = { ...templates[locale], [t.source]: { subject: t.subject, message: t.message } };
  }
  return { localeAttribute: config.localeAttribute ?? DEFAULTS.localeAttribute, defaultLocale, templates };
}

/** Templates given twice for the same locale and message: the later one would silently win. */
export function duplicateTemplates(config: CustomMessagesConfig): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  (config.templates ?? []).forEach((t, index) => {
    const key = `${t.locale ?? config.defaultLocale ?? DEFAULTS.defaultLocale}/${t.source}`;
    if (seen.has(key)) problems.push(`triggers.customMessages.templates[${index}]: a second template for ${t.source} in locale ${key.split('/')[0]}; keep one.`);
    seen.add(key);
  });
  return problems;
}

export function toCustomMessageEnv(config: CustomMessagesConfig): string {
  return serializeCustomMessageConfig(toCustomMessageHandlerConfig(config)).value;
}
