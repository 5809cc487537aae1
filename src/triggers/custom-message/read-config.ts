/**
 * Reads `CUSTOM_MESSAGE_CONFIG` at run time. An absent or invalid value means "use Cognito's default
 * messages" (logged once per container): a default message still carries the code, so failing open is safe.
 */
import { CustomMessageConfig } from './config';
import { CUSTOM_MESSAGE_CONFIG } from './env-names';
import { validateCustomMessageConfig } from './validate';
import { Parsed, readEnv } from '../runtime/env';
import { logWarning } from '../runtime/log';

function parseConfig(raw: string | undefined): Parsed<CustomMessageConfig> {
  if (raw === undefined) return { ok: false, reason: `${CUSTOM_MESSAGE_CONFIG} is not set` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: `${CUSTOM_MESSAGE_CONFIG} is not valid JSON` };
  }
  // SMS length is enforced per message at run time (long messages keep Cognito's SMS), so skip it here.
  const problems = validateCustomMessageConfig(value as CustomMessageConfig, { path: CUSTOM_MESSAGE_CONFIG, smsDelivery: false });
  if (problems.length > 0) return { ok: false, reason: `${CUSTOM_MESSAGE_CONFIG} is invalid (${problems.length} problems)` };
  return { ok: true, value: value as CustomMessageConfig };
}

/** The configuration, or undefined to keep Cognito's default messages. */
export function readCustomMessageConfig(): CustomMessageConfig | undefined {
  const parsed = readEnv(CUSTOM_MESSAGE_CONFIG, parseConfig, reason => logWarning('custom-message', `${reason}; Cognito default messages are used`));
  return parsed.ok ? parsed.value : undefined;
}
