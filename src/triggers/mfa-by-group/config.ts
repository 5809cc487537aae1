/**
 * mfa-by-group configuration from the environment (see `env-names.ts`).
 */
import { DEFAULT_MFA_STATUS_CACHE_TTL_SECONDS, MFA_REQUIRED_GROUPS, MFA_STATUS_CACHE_TTL_SECONDS } from './env-names';
import { parseNonNegativeInt, parseStringArray, readEnv } from '../runtime/env';
import { logWarning } from '../runtime/log';

/** The handler's view of its configuration. */
export interface MfaByGroupConfig {
  /** Groups that need MFA; `'*'` means every group (fail closed on a bad MFA_REQUIRED_GROUPS). */
  readonly requiredGroups: ReadonlySet<string> | '*';
  readonly cacheTtlSeconds: number;
}

const warn = (reason: string) => logWarning('mfa-by-group', reason);

/** Reads the configuration; a missing or invalid group list makes every group privileged (fail closed). */
export function readMfaByGroupConfig(): MfaByGroupConfig {
  const groups = readEnv(MFA_REQUIRED_GROUPS, parseStringArray(MFA_REQUIRED_GROUPS), r => warn(`${r}; every group requires MFA`));
  const ttl = readEnv(
    MFA_STATUS_CACHE_TTL_SECONDS,
    parseNonNegativeInt(MFA_STATUS_CACHE_TTL_SECONDS, DEFAULT_MFA_STATUS_CACHE_TTL_SECONDS),
    r => warn(`${r}; using ${DEFAULT_MFA_STATUS_CACHE_TTL_SECONDS}`),
  );
  return {
    requiredGroups: groups.ok ? new Set(groups.value) : '*',
    cacheTtlSeconds: ttl.ok ? ttl.value : DEFAULT_MFA_STATUS_CACHE_TTL_SECONDS,
  };
}
