import {
  AdminListDevicesCommand, ForgetDeviceCommand, ListDevicesCommand, UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUser } from 'amazon-cognito-identity-js';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { SrpSession } from '../../../../examples/walkthrough/srp';
import { claimsOf, createEmailUser, Harness, startHarness, synthPool, totpCode } from '../support';

const PASSWORD = 'Passw0rd!long';

async function setUp(deviceOnlyRememberedOnUserPrompt: boolean) {
  const h = await startHarness(synthPool({
    signInAliases: { email: true },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt },
  }));
  // One browser: CognitoUser objects share its storage, where the SDK keeps the device secret.
  const srp = new SrpSession(h.poolId, h.clientId, h.sandbox.endpoint);
  return { h, srp, newUser: (email: string) => srp.user(email) };
}

/** SRP sign-in that enrols TOTP through MFA_SETUP; returns the secret. */
async function enrol(h: Harness, srp: SrpSession, user: CognitoUser): Promise<string> {
  expect((await srp.signIn(user, PASSWORD)).kind).toBe('MFA_SETUP');
  const secret = await srp.associateSoftwareToken(user);
  await srp.verifySoftwareToken(user, totpCode(secret, h.clock.now()), 'phone');
  return secret;
}

describe('SRP sign-in with amazon-cognito-identity-js', () => {
  test('MFA_SETUP, TOTP, then a remembered device skips MFA; forgetting it brings MFA back', async () => {
    const { h, srp, newUser } = await setUp(false);
    try {
      await createEmailUser(h, 'ivy@example.com', PASSWORD);
      const secret = await enrol(h, srp, newUser('ivy@example.com'));

      h.clock.advance(30_000);
      const user = newUser('ivy@example.com');
      expect((await srp.signIn(user, PASSWORD)).kind).toBe('SOFTWARE_TOKEN_MFA');
      const done = await srp.sendTotp(user, totpCode(secret, h.clock.now()));
      expect(done.kind).toBe('success');
      const accessToken = (done as any).session.getAccessToken().getJwtToken();
      const devices = await h.cognito.send(new ListDevicesCommand({ AccessToken: accessToken }));
      expect(devices.Devices).toHaveLength(1);
      const deviceKey = devices.Devices![0].DeviceKey!;
      expect(devices.Devices![0].DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' });

      // A fresh CognitoUser on the same storage signs in by password + device SRP, no TOTP.
      const again = await srp.signIn(newUser('ivy@example.com'), PASSWORD);
      expect(again.kind).toBe('success');
      expect(claimsOf((again as any).session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);

      await expect(srp.signIn(newUser('ivy@example.com'), 'Wrong-passw0rd')).rejects.toMatchObject({ code: 'NotAuthorizedException' });

      const admin = await h.cognito.send(new AdminListDevicesCommand({ UserPoolId: h.poolId, Username: 'ivy@example.com' }));
      expect(admin.Devices?.map(d => d.DeviceKey)).toEqual([deviceKey]);
      await h.cognito.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey }));
      // The SDK retries without the forgotten device and lands on TOTP again.
      expect((await srp.signIn(newUser('ivy@example.com'), PASSWORD)).kind).toBe('SOFTWARE_TOKEN_MFA');
    } finally {
      await h.stop();
    }
  });

  test('DeviceOnlyRememberedOnUserPrompt: MFA until UpdateDeviceStatus remembers the device', async () => {
    const { h, srp, newUser } = await setUp(true);
    try {
      await createEmailUser(h, 'jo@example.com', PASSWORD);
      const secret = await enrol(h, srp, newUser('jo@example.com'));
      h.clock.advance(30_000);
      const user = newUser('jo@example.com');
      expect((await srp.signIn(user, PASSWORD)).kind).toBe('SOFTWARE_TOKEN_MFA');
      const done = await srp.sendTotp(user, totpCode(secret, h.clock.now()));
      const accessToken = (done as any).session.getAccessToken().getJwtToken();
      const [device] = (await h.cognito.send(new ListDevicesCommand({ AccessToken: accessToken }))).Devices!;
      expect(device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'not_remembered' });

      // Known but not remembered: TOTP is still asked, then device SRP completes the sign-in.
      h.clock.advance(30_000);
      const second = newUser('jo@example.com');
      expect((await srp.signIn(second, PASSWORD)).kind).toBe('SOFTWARE_TOKEN_MFA');
      expect((await srp.sendTotp(second, totpCode(secret, h.clock.now()))).kind).toBe('success');

      await h.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: device.DeviceKey, DeviceRememberedStatus: 'remembered' }));
      expect((await srp.signIn(newUser('jo@example.com'), PASSWORD)).kind).toBe('success');
    } finally {
      await h.stop();
    }
  });
});
