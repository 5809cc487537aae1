/**
 * Writes the token overrides that withhold privileged groups until the user enrols MFA.
 */
import { TokenEventView } from './token-event';
import { ensureRecord } from '../runtime/guards';

/** Claim naming the withheld groups, space-separated (group names cannot contain whitespace). */
export const MFA_REQUIRED_CLAIM = 'mfa_required_for_groups';

/**
 * Removes `withheld` from the groups in the tokens and adds the {@link MFA_REQUIRED_CLAIM} claim.
 *
 * Group IAM roles are dropped too (`iamRolesToOverride: []`): the roles of a withheld group would
 * otherwise still reach `cognito:roles`, and we cannot tell which role belongs to which group.
 */
export function withholdGroups(view: TokenEventView, withheld: readonly string[]): void {
  const withheldSet = new Set(withheld);
  const groupOverride = {
    groupsToOverride: view.groups.filter(group => !withheldSet.has(group)),
    iamRolesToOverride: [] as string[],
  };
  const claim = withheld.join(' ');
  const response = ensureRecord(view.event, 'response');

  if (view.format === 'v1') {
    const details = ensureRecord(response, 'claimsOverrideDetails');
    details.groupOverrideDetails = { ...ensureRecord(details, 'groupOverrideDetails'), ...groupOverride };
    ensureRecord(details, 'claimsToAddOrOverride')[MFA_REQUIRED_CLAIM] = claim;
    return;
  }
  const details = ensureRecord(response, 'claimsAndScopeOverrideDetails');
  details.groupOverrideDetails = { ...ensureRecord(details, 'groupOverrideDetails'), ...groupOverride };
  ensureRecord(ensureRecord(details, 'idTokenGeneration'), 'claimsToAddOrOverride')[MFA_REQUIRED_CLAIM] = claim;
  ensureRecord(ensureRecord(details, 'accessTokenGeneration'), 'claimsToAddOrOverride')[MFA_REQUIRED_CLAIM] = claim;
}
