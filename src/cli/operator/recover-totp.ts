import { AdminSetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { audited } from './audit';
import { OperatorDeps } from './deps';
import { EXIT, runUserCommand } from './run';
import { describePlan, planTotpRecovery, preferenceFor } from './totp-recovery-plan';
import { loadUserMfaState } from './user-state';

export const RECOVER_TOTP_USAGE = 'cdk-mfa-auth user recover-totp --user-pool-id ID --username NAME [--region R] [--endpoint URL] [--confirm]';

/**
 * `user recover-totp`: recovers a user who lost their TOTP device (see {@link planTotpRecovery}).
 * Prints the plan; changes the user only with `--confirm`. Writes one audit line to stderr.
 */
export async function runRecoverTotp(args: string[], deps: OperatorDeps): Promise<number> {
  return runUserCommand(RECOVER_TOTP_USAGE, args, deps, (options, client) => audited(
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
