/**
 * A fake of the one SDK call mfa-by-group makes (AdminGetUser): the SDK boundary.
 */
import type { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { AdminGetUserClient } from '../../../src/triggers/mfa-by-group/cognito-client';

export interface FakeCognito extends AdminGetUserClient {
  readonly calls: Array<{ UserPoolId?: string; Username?: string }>;
}

/** Answers AdminGetUser with `mfa` methods, or rejects with `error`. */
export function fakeCognito(answer: { readonly mfa?: readonly string[]; readonly error?: Error }): FakeCognito {
  const calls: FakeCognito['calls'] = [];
  return {
    calls,
    async send(command: AdminGetUserCommand) {
      calls.push({ UserPoolId: command.input.UserPoolId, Username: command.input.Username });
      if (answer.error) throw answer.error;
      return { UserMFASettingList: answer.mfa && [...answer.mfa] };
    },
  };
}
