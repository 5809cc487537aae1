/**
 * Writes the token overrides that withhold privileged groups until the user enrols MFA.
 */
import { TokenEventView } from './token-event';
import { ensureRecord } from '../runtime/guards';

/** Claim naming the withheld groups, space-separated (group names cannot contain whitespace). */
export const MFA_REQUIRED_CLAIM = 'mfa_required_for_groups';

/**
 * Puts `kept` in the tokens in place of the event's groups and names `withheld` in the
 * {@link MFA_REQUIRED_CLAIM} claim (omitted when empty).
 *
 * Group IAM roles are dropped too (`iamRolesToOverride: []`): the roles of a withheld group would
 * otherwise still reach `cognito:roles`, and we cannot tell which role belongs to which group.
 * An event of unknown version gets both response shapes: Cognito either honours the one it reads
 * or refuses the answer, and either way no privileged group reaches a token.
 */
export function overrideGroups(view: TokenEventView, kept: readonly string[], withheld: readonly string[]): void {
  const groupOverride = { groupsToOverride: [...kept], iamRolesToOverride: [] as string[] };
  const claim = withheld.join(' ');
  const response = ensureRecord(view.event, 'response');

  if (view.format !== 'v2') {
    const details = ensureRecord(response, 'claimsOverrideDetails');
    details.groupOverrideDetails = { ...ensureRecord(details, 'groupOverrideDetails'), ...groupOverride };
    if (claim) ensureRecord(details, 'claimsToAddOrOverride')[MFA_REQUIRED_CLAIM] = claim;
  }
  if (view.format !== 'v1') {
    const details = ensureRecord(response, 'claimsAndScopeOverrideDetails');
    details.groupOverrideDetails = { ...ensureRecord(details, 'groupOverrideDetails'), ...groupOverride };
    if (claim) {
      ensureRecord(ensureRecord(details, 'idTokenGeneration'), 'claimsToAddOrOverride')[MFA_REQUIRED_CLAIM] = claim;
      ensureRecord(ensureRecord(details, 'accessTokenGeneration'), 'claimsToAddOrOverride')[MFA_REQUIRED_CLAIM] = claim;
    }
  }
}

/** Removes `withheld` from the event's groups. */
export function withholdGroups(view: TokenEventView & { readonly groups: readonly string[] }, withheld: readonly string[]): void {
  const withheldSet = new Set(withheld);
  overrideGroups(view, view.groups.filter(group => !withheldSet.has(group)), withheld);
}
