/**
 * mfa-by-group: withhold MFA-required groups from the tokens of users who have not enrolled MFA.
 *
 * Why withhold instead of refusing the sign-in: under an OPTIONAL MFA pool a user can enrol TOTP
 * only with an access token (AssociateSoftwareToken), so refusing tokens would lock privileged users
 * out of enrolment. They get tokens without the privileged groups plus a `mfa_required_for_groups`
 * claim, enrol, and get the groups on their next sign-in (or token refresh).
 *
 * Everything that goes wrong fails closed: the privileged groups stay out of the tokens.
 */
import { userHasMfa } from './cognito-client';
import { MfaByGroupConfig, readMfaByGroupConfig } from './config';
import { mfaCacheKey, MfaStatusCache } from './mfa-status-cache';
import { readTokenEvent, TokenEventView } from './token-event';
import { overrideGroups, withholdGroups } from './withhold';
import { isRecord } from '../runtime/guards';
import { errorName, logWarning } from '../runtime/log';

/** AdminGetUser must answer within this (it takes well under a second), or the groups are withheld. */
export const MFA_LOOKUP_DEADLINE_MS = 2_000;
/** Time kept back from the Lambda timeout, so the answer is written before the function is stopped. */
export const DEADLINE_MARGIN_MS = 500;

/** Options for {@link createMfaByGroupHandler}. */
export interface MfaByGroupHandlerOptions {
  /** Clock in milliseconds, for cache expiry. @default Date.now */
  readonly now?: () => number;
  /** Bound on cached users. @default 1000 */
  readonly maxCacheEntries?: number;
}

/** The part of the Lambda context the handler reads. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?(): number;
}

/**
 * Creates the Pre token generation handler (V1 `TokenGeneration_*` and V2/V3 events).
 *
 * - Users in no MFA-required group: event returned unchanged, no Cognito call.
 * - Users in such a group: `AdminGetUser`; with an empty `UserMFASettingList` the required groups are
 *   removed from the tokens and named in the `mfa_required_for_groups` claim.
 * - `AdminGetUser` fails or does not answer by its deadline (the smaller of
 *   {@link MFA_LOOKUP_DEADLINE_MS} and the Lambda's remaining time less {@link DEADLINE_MARGIN_MS}),
 *   or the event lacks pool id / username: groups withheld, one warning.
 * - Malformed events: privileged groups withheld (every group when the event does not say which),
 *   one warning; an event that is not an object is returned as it is. Never throws.
 */
export function createMfaByGroupHandler(options: MfaByGroupHandlerOptions = {}): (event: unknown, context?: LambdaContextLike) => Promise<unknown> {
  const cache = new MfaStatusCache(options.maxCacheEntries ?? 1000, options.now ?? Date.now);

  return async (event, context) => {
    try {
      return await handle(event, context, cache);
    } catch (err) {
      logWarning('mfa-by-group', 'unexpected error; every group withheld', { error: errorName(err) });
      if (isRecord(event)) overrideGroups({ event, format: 'both' }, [], []);
      return event;
    }
  };
}

async function handle(event: unknown, context: LambdaContextLike | undefined, cache: MfaStatusCache): Promise<unknown> {
  const read = readTokenEvent(event);
  if (!read.view) {
    if (read.reason) logWarning('mfa-by-group', read.reason);
    return event;
  }
  const view = read.view;
  const config = readMfaByGroupConfig();
  if (view.malformed) {
    failClosed(view, config, `${view.malformed}; privileged groups withheld`);
    return event;
  }
  const privileged = privilegedGroups(view.groups ?? [], config);
  if (privileged.length === 0) return event;
  if (!(await hasMfa(view, cache, config.cacheTtlSeconds, deadlineOf(context)))) withholdGroups({ ...view, groups: view.groups ?? [] }, privileged);
  return event;
}

const privilegedGroups = (groups: readonly string[], config: MfaByGroupConfig) =>
  [...new Set(groups.filter(g => config.requiredGroups === '*' || config.requiredGroups.has(g)))];

/** Withholds the privileged groups of a malformed event, or every group when it does not say which. */
function failClosed(view: TokenEventView, config: MfaByGroupConfig, reason: string): void {
  logWarning('mfa-by-group', reason);
  if (!view.groups) return overrideGroups(view, [], []);
  const privileged = privilegedGroups(view.groups, config);
  if (privileged.length) withholdGroups({ ...view, groups: view.groups }, privileged);
  // Non-string entries were dropped from view.groups; they must not reach the tokens either.
  else overrideGroups(view, view.groups, []);
}

function deadlineOf(context: LambdaContextLike | undefined): number {
  const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? Number(context.getRemainingTimeInMillis()) : Infinity;
  return Math.min(MFA_LOOKUP_DEADLINE_MS, Number.isFinite(remaining) ? remaining - DEADLINE_MARGIN_MS : Infinity);
}

/** MFA status from the cache or AdminGetUser; false (fail closed) when it cannot be determined in time. */
async function hasMfa(view: TokenEventView, cache: MfaStatusCache, ttlSeconds: number, deadlineMs: number): Promise<boolean> {
  const { userPoolId, userName } = view;
  if (!userPoolId || !userName) {
    logWarning('mfa-by-group', 'event lacks userPoolId or userName; privileged groups withheld');
    return false;
  }
  const key = mfaCacheKey(userPoolId, userName);
  if (cache.hasMfa(key)) return true;
  if (deadlineMs <= 0) {
    logWarning('mfa-by-group', 'no time left for AdminGetUser; privileged groups withheld');
    return false;
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error('deadline'), { name: 'DeadlineExceeded' }));
    }, deadlineMs);
  });
  try {
    const enabled = await Promise.race([userHasMfa(userPoolId, userName, controller.signal), deadline]);
    if (enabled) cache.rememberMfa(key, ttlSeconds);
    return enabled;
  } catch (err) {
    const late = errorName(err) === 'DeadlineExceeded';
    logWarning('mfa-by-group', late ? `AdminGetUser did not answer within ${deadlineMs} ms; privileged groups withheld` : 'AdminGetUser failed; privileged groups withheld',
      late ? {} : { error: errorName(err) });
    return false;
  } finally {
    clearTimeout(timer);
  }
}
