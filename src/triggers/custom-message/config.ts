/**
 * The custom-message configuration: the JSON shape of `CUSTOM_MESSAGE_CONFIG` and Cognito's limits.
 */

/** Message sources: the `CustomMessage_*` trigger sources without the prefix. */
export const MESSAGE_SOURCES = [
  'SignUp',
  'ResendCode',
  'ForgotPassword',
  'Authentication',
  'UpdateUserAttribute',
  'VerifyUserAttribute',
  'AdminCreateUser',
] as const;

/** One of {@link MESSAGE_SOURCES}. */
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

/** One message. */
export interface MessageTemplate {
  /** Email subject (1-140 characters). @default Cognito's subject */
  readonly subject?: string;
  /** Message body for email and SMS; must contain `{####}` (and `{username}` for AdminCreateUser). */
  readonly message: string;
}

/** Templates of one locale, by message source. */
export type LocaleTemplates = { readonly [source: string]: MessageTemplate };

/** The value of `CUSTOM_MESSAGE_CONFIG`. */
export interface CustomMessageConfig {
  /** User attribute holding the locale. @default 'locale' */
  readonly localeAttribute?: string;
  /** Locale used when the user's locale has no template for the source. @default 'en' */
  readonly defaultLocale?: string;
  /** Templates by locale (`en`, `de`, `de-CH`, ...). */
  readonly templates: { readonly [locale: string]: LocaleTemplates };
}

/** Replaced by Cognito with the code (or temporary password); the handler puts `codeParameter` here. */
export const CODE_PLACEHOLDER = '{####}';
/** Replaced with `usernameParameter`; only AdminCreateUser (invitation) events carry one. */
export const USERNAME_PLACEHOLDER = '{username}';

/** Defaults of {@link CustomMessageConfig}. */
export const DEFAULT_LOCALE_ATTRIBUTE = 'locale';
export const DEFAULT_LOCALE = 'en';

/** Cognito message limits, in characters. */
export const LIMITS = {
  smsMessage: { min: 6, max: 140 },
  emailMessage: { min: 6, max: 20_000 },
  emailSubject: { min: 1, max: 140 },
} as const;
