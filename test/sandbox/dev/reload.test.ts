/** Sandbox.reload (watch mode's swap): a new template's MFA mode is served, users stay, immutable changes are refused. */
import { AdminGetUserCommand, GetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '../../../src';
import { ImmutablePoolChangeError } from '../../../src/sandbox';
import { synthAuth } from '../../support/synth';
import { createEmailUser, startHarness } from '../helpers';

const EMAIL = 'ana@example.com';
const PASSWORD = 'Passw0rd!long-enough';

test('reload swaps the MFA mode in place and keeps the user', async () => {
  const optional = synthAuth({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true } }).template.toJSON();
  const h = await startHarness(optional);
  try {
    await createEmailUser(h, EMAIL, PASSWORD);
    const before = await h.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: h.poolId }));
    expect(before.MfaConfiguration).toBe('OPTIONAL');

    const required = synthAuth({ loginWith: { email: {} }, multifactor: { mode: MfaMode.REQUIRED, totp: true } }).template.toJSON();
    const report = await h.sandbox.reload({ template: required });
    expect(report.changes.join('\n')).toContain('MFA OPTIONAL -> ON');
    const after = await h.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: h.poolId }));
    expect(after.MfaConfiguration).toBe('ON');
    const user = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: EMAIL }));
    expect(user.UserStatus).toBe('CONFIRMED');

    const phone = synthAuth({ loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, totp: true } }).template.toJSON();
    await expect(h.sandbox.reload({ template: phone })).rejects.toBeInstanceOf(ImmutablePoolChangeError);
    expect((await h.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: h.poolId }))).MfaConfiguration).toBe('ON');
  } finally {
    await h.stop();
  }
}, 120_000);
