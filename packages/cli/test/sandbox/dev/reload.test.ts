/** Sandbox.reload (watch mode's swap): a new template's MFA mode is served, users stay, immutable changes are refused. */
import { AdminGetUserCommand, GetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import { synthAuth } from '../../../../../test/support/synth';
import { ImmutablePoolChangeError } from '../../../src/sandbox';
import { createEmailUser, startHarness, synthPool, cognitoCall } from '../../support';

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

test('reload serves the new callback URLs\' origins to browsers and stops serving removed ones', async () => {
  const withCallback = (url: string) => synthPool({ selfSignUpEnabled: true, signInAliases: { email: true } }, { oAuth: { callbackUrls: [url] } });
  const h = await startHarness(withCallback('https://old.example.com/callback'));
  const fromPage = (origin: string) => cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'not-an-email', Password: 'x' }, { origin });
  try {
    expect((await fromPage('https://old.example.com')).headers['access-control-allow-origin']).toBe('https://old.example.com');
    expect((await fromPage('https://new.example.com')).status).toBe(403);

    await h.sandbox.reload({ template: withCallback('https://new.example.com/callback') });
    const fromNew = await fromPage('https://new.example.com');
    expect(fromNew.headers['access-control-allow-origin']).toBe('https://new.example.com');
    expect(fromNew.json()).toMatchObject({ __type: 'InvalidParameterException' });
    expect((await fromPage('https://old.example.com')).status).toBe(403);
  } finally {
    await h.stop();
  }
}, 60_000);
