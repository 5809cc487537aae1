/**
 * Reads the parts of a Pre token generation event (V1, V2 or V3) that mfa-by-group needs,
 * without trusting its shape.
 */
import { isRecord, Rec, recordAt, stringAt } from '../runtime/guards';

/** Which response shape the event expects; `both` when the version is unknown. */
export type TokenEventFormat = 'v1' | 'v2' | 'both';

/** What the handler needs from an event. */
export interface TokenEventView {
  readonly event: Rec;
  /** V1 writes `claimsOverrideDetails`; V2/V3 write `claimsAndScopeOverrideDetails`. */
  readonly format: TokenEventFormat;
  /** Groups Cognito is about to put in the tokens; undefined when the event does not say which. */
  readonly groups?: readonly string[];
  readonly userPoolId?: string;
  readonly userName?: string;
  /** Why the event is not a well-formed token event: the handler then fails closed. */
  readonly malformed?: string;
}

/**
 * A view, or nothing to do: `reason` says why when the event is not even an object (nothing can be
 * written into it), and is absent for a legitimate event without groups (client credentials).
 */
export type ReadResult = { readonly view: TokenEventView } | { readonly view?: undefined; readonly reason?: string };

/** Reads `event` defensively. */
export function readTokenEvent(event: unknown): ReadResult {
  if (!isRecord(event)) return { reason: 'event is not an object' };
  const base = { event, userPoolId: stringAt(event, 'userPoolId') || undefined, userName: stringAt(event, 'userName') || undefined };

  const version = event.version;
  const format: TokenEventFormat = version === '2' || version === '3' ? 'v2' : version === '1' || version === undefined ? 'v1' : 'both';
  const triggerSource = stringAt(event, 'triggerSource');
  const request = recordAt(event, 'request');
  const groupConfiguration = request?.groupConfiguration;
  // Machine-to-machine tokens (V3 client credentials) have no user and no groups.
  if (groupConfiguration == null && triggerSource === 'TokenGeneration_ClientCredentials') return {};

  const rawGroups = isRecord(groupConfiguration) ? groupConfiguration.groupsToOverride ?? [] : undefined;
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : undefined;
  const view = { ...base, format, groups };

  if (!triggerSource?.startsWith('TokenGeneration_')) return { view: { ...view, malformed: 'unexpected triggerSource' } };
  if (format === 'both') return { view: { ...view, malformed: 'unsupported event version' } };
  if (!request) return { view: { ...view, malformed: 'request is not an object' } };
  if (!isRecord(groupConfiguration)) return { view: { ...view, malformed: 'request.groupConfiguration is not an object' } };
  if (!groups || groups.length !== (rawGroups as unknown[]).length) {
    return { view: { ...view, malformed: 'request.groupConfiguration.groupsToOverride is not a string array' } };
  }
  return { view };
}
