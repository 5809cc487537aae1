/**
 * Operator commands for a deployed (or sandboxed) user pool, for the `cdk-mfa-auth` dispatcher.
 */
import { OperatorDeps } from './deps';
import { FORGET_DEVICES_USAGE, runForgetDevices } from './forget-devices';
import { MFA_STATUS_USAGE, runMfaStatus } from './mfa-status';
import { RECOVER_TOTP_USAGE, runRecoverTotp } from './recover-totp';

export { processDeps } from './deps';
export type { OperatorDeps } from './deps';
export { runMfaStatus } from './mfa-status';
export { runRecoverTotp } from './recover-totp';
export { runForgetDevices } from './forget-devices';
export { planTotpRecovery } from './totp-recovery-plan';
export type { TotpRecoveryPlan } from './totp-recovery-plan';

/** One operator command: what the dispatcher needs to list and run it. */
export interface OperatorCommand {
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: string[], deps: OperatorDeps) => Promise<number>;
}

/** The `user ...` subcommands, keyed by their words after the binary name. */
export const OPERATOR_COMMANDS: Record<string, OperatorCommand> = {
  'user mfa-status': { summary: "Show a user's MFA factors and verification state (read-only)", usage: MFA_STATUS_USAGE, run: runMfaStatus },
  'user recover-totp': { summary: 'Recover a user who lost their authenticator (dry run unless --confirm)', usage: RECOVER_TOTP_USAGE, run: runRecoverTotp },
  'user forget-devices': { summary: "Forget all of a user's remembered devices (dry run unless --confirm)", usage: FORGET_DEVICES_USAGE, run: runForgetDevices },
};
