/**
 * mfa-by-group: withhold MFA-required groups from the tokens of users who have not enrolled MFA.
 *
 * Why withhold instead of refusing the sign-in: under an OPTIONAL MFA pool a user can enrol TOTP
 * only with an access token (AssociateSoftwareToken), so refusing tokens would lock privileged users
 * out of enrolment. They get tokens without the privileged groups plus a `mfa_required_for_groups`
 * claim, enrol, and get the groups on their next sign-in (or token refresh).
 */
import { userHasMfa } from './cognito-client';
import { readMfaByGroupConfig } from './config';
import { mfaCacheKey, MfaStatusCache } from './mfa-status-cache';
import { readTokenEvent, TokenEventView } from './token-event';
import { withholdGroups } from './withhold';
import { errorName, logWarning } from '../runtime/log';
import { safely } from '../runtime/safely';

/** Options for {@link createMfaByGroupHandler}. */
export interface MfaByGroupHandlerOptions {
  /** Clock in milliseconds, for cache expiry. @default Date.now */
  readonly now?: () => number;
  /** Bound on cached users. @default 1000 */
  readonly maxCacheEntries?: number;
}

/**
 * Creates the Pre token generation handler (V1 `TokenGeneration_*` and V2/V3 events).
 *
 * - Users in no MFA-required group: event returned unchanged, no Cognito call.
 * - Users in such a group: `AdminGetUser`; with an empty `UserMFASettingList` the required groups are
 *   removed from the tokens and named in the `mfa_required_for_groups` claim.
 * - `AdminGetUser` fails, or the event lacks pool id / username: fail closed (groups withheld) and log.
 * - Malformed events: returned unchanged with one warning line; never throws.
 */
export function createMfaByGroupHandler(options: MfaByGroupHandlerOptions = {}): (event: unknown) => Promise<unknown> {
  const cache = new MfaStatusCache(options.maxCacheEntries ?? 1000, options.now ?? Date.now);

  return safely('mfa-by-group', async event => {
    const read = readTokenEvent(event);
    if (!read.view) {
      if (read.reason) logWarning('mfa-by-group', read.reason);
      return event;
    }
    const config = readMfaByGroupConfig();
    const { requiredGroups } = config;
    const privileged = [...new Set(read.view.groups.filter(g => requiredGroups === '*' || requiredGroups.has(g)))];
    if (privileged.length === 0) return event;

    if (!(await hasMfa(read.view, cache, config.cacheTtlSeconds))) withholdGroups(read.view, privileged);
    return event;
  });
}

/** MFA status from the cache or AdminGetUser; false (fail closed) when it cannot be determined. */
async function hasMfa(view: TokenEventView, cache: MfaStatusCache, ttlSeconds: number): Promise<boolean> {
  const { userPoolId, userName } = view;
  if (!userPoolId || !userName) {
    logWarning('mfa-by-group', 'event lacks userPoolId or userName; privileged groups withheld');
    return false;
  }
  const key = mfaCacheKey(userPoolId, userName);
  if (cache.hasMfa(key)) return true;
  try {
    const enabled = await userHasMfa(userPoolId, userName);
    if (enabled) cache.rememberMfa(key, ttlSeconds);
    return enabled;
  } catch (err) {
    logWarning('mfa-by-group', 'AdminGetUser failed; privileged groups withheld', { error: errorName(err) });
    return false;
  }
}
