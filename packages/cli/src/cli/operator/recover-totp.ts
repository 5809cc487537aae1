import { AdminSetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CONFIRM_OPTION, USER_OPTIONS } from './args';
import { audited } from './audit';
import { OperatorDeps } from './deps';
import { EXIT, runUserCommand } from './run';
import { describePlan, planTotpRecovery, preferenceFor } from './totp-recovery-plan';
import { loadUserMfaState } from './user-state';
import { CommandSpec } from '../command-spec';

export const RECOVER_TOTP_COMMAND: CommandSpec = {
  name: 'user recover-totp',
  summary: 'Recover a user who lost their authenticator (dry run unless --confirm).',
  details: [
    'Follows Cognito\'s rules: turns TOTP off when pool MFA is not REQUIRED; otherwise moves the user to a',
    'verified SMS or email factor; otherwise explains the options and changes nothing (exit 1).',
    'Writes one AUDIT line to stderr (the user as a hash, no personal data).',
  ].join('\n'),
  options: [...USER_OPTIONS, CONFIRM_OPTION],
};

/**
 * `user recover-totp`: recovers a user who lost their TOTP device (see {@link planTotpRecovery}).
 * Prints the plan; changes the user only with `--confirm`. Writes one audit line to stderr.
 */
export async function runRecoverTotp(args: string[], deps: OperatorDeps): Promise<number> {
  return runUserCommand(RECOVER_TOTP_COMMAND, args, deps, (options, client) => audited(
    { action: 'recover-totp', userPoolId: options.userPoolId, username: options.username },
    deps.err,
    deps.now ?? (() => new Date()),
    async () => {
      const plan = planTotpRecovery(await loadUserMfaState(client, options.userPoolId, options.username));
      deps.out(describePlan(plan));
      const planName = plan.kind === 'switch' ? `switch-to-${plan.to}` : plan.kind;
      if (plan.kind === 'blocked') {
        plan.options.forEach(option => deps.out(`  - ${option}`));
        return { exitCode: EXIT.FAILED, result: 'blocked', plan: planName };
      }
      const settings = preferenceFor(plan);
      if (!settings) return { exitCode: EXIT.OK, result: 'nothing-to-do', plan: planName };
      if (!options.confirm) {
        deps.out('Dry run: nothing changed. Run again with --confirm to apply.');
        return { exitCode: EXIT.OK, result: 'dry-run', plan: planName };
      }
      await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: options.userPoolId, Username: options.username, ...settings }));
      deps.out('Done.');
      return { exitCode: EXIT.OK, result: 'changed', plan: planName };
    },
  ));
}
