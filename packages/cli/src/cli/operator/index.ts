/**
 * Operator commands for a deployed (or sandboxed) user pool, for the `cdk-mfa-auth` dispatcher.
 */
import { OperatorDeps } from './deps';
import { FORGET_DEVICES_COMMAND, runForgetDevices } from './forget-devices';
import { MFA_STATUS_COMMAND, runMfaStatus } from './mfa-status';
import { RECOVER_TOTP_COMMAND, runRecoverTotp } from './recover-totp';
import { CommandSpec } from '../command-spec';

export { processDeps } from './deps';
export type { OperatorDeps } from './deps';
export { runMfaStatus } from './mfa-status';
export { runRecoverTotp } from './recover-totp';
export { runForgetDevices } from './forget-devices';
export { planTotpRecovery } from './totp-recovery-plan';
export type { TotpRecoveryPlan } from './totp-recovery-plan';

/** One operator command: its option table and how to run it. */
export interface OperatorCommand {
  readonly spec: CommandSpec;
  readonly run: (args: string[], deps: OperatorDeps) => Promise<number>;
}

/** The `user ...` subcommands, keyed by their words after the binary name. */
export const OPERATOR_COMMANDS: Record<string, OperatorCommand> = Object.fromEntries([
  { spec: MFA_STATUS_COMMAND, run: runMfaStatus },
  { spec: RECOVER_TOTP_COMMAND, run: runRecoverTotp },
  { spec: FORGET_DEVICES_COMMAND, run: runForgetDevices },
].map(c => [c.spec.name, c]));
