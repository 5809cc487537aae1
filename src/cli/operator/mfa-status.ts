import { OperatorDeps } from './deps';
import { EXIT, runUserCommand } from './run';
import { loadUserMfaState, MaskedContact, UserMfaState } from './user-state';

export const MFA_STATUS_USAGE = 'cdk-mfa-auth user mfa-status --user-pool-id ID --username NAME [--region R] [--endpoint URL] [--json]';

/**
 * `user mfa-status`: shows a user's second factors, the preferred one, the pool's MFA mode and
 * whether the phone number and email are verified. Read-only. Emails and phone numbers are masked;
 * no codes or secrets are read, so none can be printed.
 */
export async function runMfaStatus(args: string[], deps: OperatorDeps): Promise<number> {
  return runUserCommand(MFA_STATUS_USAGE, args, deps, async (options, client) => {
    const state = await loadUserMfaState(client, options.userPoolId, options.username);
    if (options.json) deps.out(JSON.stringify(state));
    else formatMfaStatus(options.userPoolId, state).forEach(line => deps.out(line));
    return EXIT.OK;
  });
}

/** The human-readable report. */
export function formatMfaStatus(userPoolId: string, s: UserMfaState): string[] {
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  return [
    `User pool:    ${userPoolId} (MFA ${s.pool.mode}; factors enabled on the pool: ${list(s.pool.factors)})`,
    `User:         ${s.username} (${s.status ?? 'unknown status'}${s.enabled ? '' : ', disabled'})`,
    `MFA factors:  ${list(s.factors)}`,
    `Preferred:    ${s.preferred ?? 'none'}`,
    `Phone number: ${contact(s.phone)}`,
    `Email:        ${contact(s.email)}`,
  ];
}

function contact(c: MaskedContact | undefined): string {
  return c ? `${c.masked} (${c.verified ? 'verified' : 'not verified'})` : 'none';
}
