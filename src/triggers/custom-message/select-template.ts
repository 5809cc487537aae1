/**
 * Picks the template for a user: their locale exactly, then case-insensitively, then its language
 * (`de-CH` -> `de`), then the default locale; the first of these with a template for the source wins.
 */
import { CustomMessageConfig, DEFAULT_LOCALE, DEFAULT_LOCALE_ATTRIBUTE, MessageSource, MessageTemplate } from './config';

/** The template to use, or undefined to keep Cognito's default message. */
export function selectTemplate(
  config: CustomMessageConfig,
  userAttributes: Record<string, unknown>,
  source: MessageSource,
): MessageTemplate | undefined {
  const locales = Object.keys(config.templates);
  const userLocale = userAttributes[config.localeAttribute ?? DEFAULT_LOCALE_ATTRIBUTE];
  const candidates: string[] = [];
  if (typeof userLocale === 'string' && userLocale !== '') {
    const lower = userLocale.toLowerCase();
    const language = lower.split(/[-_]/)[0];
    candidates.push(userLocale, ...locales.filter(l => l.toLowerCase() === lower), ...locales.filter(l => l.toLowerCase() === language));
  }
  candidates.push(config.defaultLocale ?? DEFAULT_LOCALE);
  for (const locale of candidates) {
    // hasOwn: a locale named like an Object.prototype member must not match.
    const templates = Object.hasOwn(config.templates, locale) ? config.templates[locale] : undefined;
    if (templates && Object.hasOwn(templates, source)) return templates[source];
  }
  return undefined;
}
