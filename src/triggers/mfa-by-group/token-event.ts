/**
 * Reads the parts of a Pre token generation event (V1, V2 or V3) that mfa-by-group needs,
 * without trusting its shape.
 */
import { isRecord, isStringArray, Rec, recordAt, stringAt } from '../runtime/guards';

/** Which response shape the event expects. */
export type TokenEventFormat = 'v1' | 'v2';

/** What the handler needs from a well-formed event. */
export interface TokenEventView {
  readonly event: Rec;
  /** V1 writes `claimsOverrideDetails`; V2/V3 write `claimsAndScopeOverrideDetails`. */
  readonly format: TokenEventFormat;
  /** Groups Cognito is about to put in the tokens. */
  readonly groups: readonly string[];
  readonly userPoolId?: string;
  readonly userName?: string;
}

/** A view, or why the event cannot be handled (`reason` undefined: a legitimate event with nothing to do). */
export type ReadResult = { readonly view: TokenEventView } | { readonly view?: undefined; readonly reason?: string };

/** Reads `event` defensively. */
export function readTokenEvent(event: unknown): ReadResult {
  if (!isRecord(event)) return { reason: 'event is not an object' };
  const triggerSource = stringAt(event, 'triggerSource');
  if (!triggerSource?.startsWith('TokenGeneration_')) return { reason: 'unexpected triggerSource' };

  const version = event.version;
  let format: TokenEventFormat;
  if (version === '2' || version === '3') format = 'v2';
  else if (version === '1' || version === undefined) format = 'v1';
  else return { reason: 'unsupported event version' };

  const request = recordAt(event, 'request');
  if (!request) return { reason: 'request is not an object' };
  const groupConfiguration = request.groupConfiguration;
  // Machine-to-machine tokens (V3 client credentials) have no user and no groups.
  if (groupConfiguration == null && triggerSource === 'TokenGeneration_ClientCredentials') return {};
  if (!isRecord(groupConfiguration)) return { reason: 'request.groupConfiguration is not an object' };
  const groups = groupConfiguration.groupsToOverride ?? [];
  if (!isStringArray(groups)) return { reason: 'request.groupConfiguration.groupsToOverride is not a string array' };

  return {
    view: {
      event,
      format,
      groups,
      userPoolId: stringAt(event, 'userPoolId') || undefined,
      userName: stringAt(event, 'userName') || undefined,
    },
  };
}
