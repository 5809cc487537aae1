/**
 * Serialises a {@link CustomMessageConfig} into the `CUSTOM_MESSAGE_CONFIG` value and checks
 * Lambda's 4 KB limit on the environment (the sum of all keys and values).
 */
import { CustomMessageConfig, DEFAULT_LOCALE, DEFAULT_LOCALE_ATTRIBUTE } from './config';
import { CUSTOM_MESSAGE_CONFIG } from './env-names';

/** Lambda's limit on the total size of a function's environment variables. */
export const LAMBDA_ENV_LIMIT_BYTES = 4096;

// The generated trigger functions always add AWS_NODEJS_CONNECTION_REUSE_ENABLED=1.
const GENERATED_ENV_BYTES = 'AWS_NODEJS_CONNECTION_REUSE_ENABLED'.length + 1;

/** Result of {@link serializeCustomMessageConfig}. */
export interface SerializedCustomMessageConfig {
  /** The environment value. */
  readonly value: string;
  /** UTF-8 bytes of the `CUSTOM_MESSAGE_CONFIG` key plus value. */
  readonly bytes: number;
  /** Empty, or one message when the environment would exceed {@link LAMBDA_ENV_LIMIT_BYTES}. */
  readonly problems: string[];
}

/**
 * Serialises `config` (defaults filled in, compact JSON).
 * @param otherEnvBytes bytes of the function's other environment variables (keys plus values);
 *   defaults to the variable the generated function adds.
 */
export function serializeCustomMessageConfig(
  config: CustomMessageConfig,
  options: { readonly path?: string; readonly otherEnvBytes?: number } = {},
): SerializedCustomMessageConfig {
  const value = JSON.stringify({
    localeAttribute: config.localeAttribute ?? DEFAULT_LOCALE_ATTRIBUTE,
    defaultLocale: config.defaultLocale ?? DEFAULT_LOCALE,
    templates: config.templates,
  });
  const bytes = Buffer.byteLength(CUSTOM_MESSAGE_CONFIG + value, 'utf8');
  const total = bytes + (options.otherEnvBytes ?? GENERATED_ENV_BYTES);
  const path = options.path ?? 'triggers.customMessages';
  const problems = total > LAMBDA_ENV_LIMIT_BYTES
    ? [`${path} is ${bytes} bytes as ${CUSTOM_MESSAGE_CONFIG}; with the other variables the Lambda environment is ${total} bytes, over the ${LAMBDA_ENV_LIMIT_BYTES}-byte (4 KB) limit: shorten or drop templates`]
    : [];
  return { value, bytes, problems };
}
