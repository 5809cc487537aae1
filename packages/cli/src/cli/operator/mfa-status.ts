import { JSON_OPTION, USER_OPTIONS } from './args';
import { OperatorDeps } from './deps';
import { printable, printableJson } from './redact';
import { EXIT, runUserCommand } from './run';
import { loadUserMfaState, MaskedContact, UserMfaState } from './user-state';
import { CommandSpec } from '../command-spec';

export const MFA_STATUS_COMMAND: CommandSpec = {
  name: 'user mfa-status',
  summary: "Show a user's MFA factors and verification state (read-only).",
  details: 'Emails and phone numbers are masked; no codes or secrets are read.',
  options: [...USER_OPTIONS, JSON_OPTION],
};

/**
 * `user mfa-status`: shows a user's second factors, the preferred one, the pool's MFA mode and
 * whether the phone number and email are verified. Read-only. Emails and phone numbers are masked;
 * no codes or secrets are read, so none can be printed.
 */
export async function runMfaStatus(args: string[], deps: OperatorDeps): Promise<number> {
  return runUserCommand(MFA_STATUS_COMMAND, args, deps, async (options, client) => {
    const state = await loadUserMfaState(client, options.userPoolId, options.username);
    if (options.json) deps.out(printableJson(state));
    else formatMfaStatus(options.userPoolId, state).forEach(line => deps.out(line));
    return EXIT.OK;
  });
}

/** The human-readable report. */
export function formatMfaStatus(userPoolId: string, s: UserMfaState): string[] {
  // Every value Cognito returns is printed escaped: a user name or attribute may hold control characters.
  const list = (items: string[]) => (items.length ? items.map(printable).join(', ') : 'none');
  const lines = [
    `User pool:    ${userPoolId} (MFA ${s.pool.mode}; factors enabled on the pool: ${list(s.pool.factors)})`,
    `User:         ${printable(s.username)} (${printable(s.status ?? 'unknown status')}${s.enabled ? '' : ', disabled'})`,
    `MFA factors:  ${list(s.factors)}`,
    `Preferred:    ${printable(s.preferred ?? 'none')}`,
    `Phone number: ${contact(s.phone)}`,
    `Email:        ${contact(s.email)}`,
  ];
  return lines;
}

function contact(c: MaskedContact | undefined): string {
  return c ? `${printable(c.masked)} (${c.verified ? 'verified' : 'not verified'})` : 'none';
}
