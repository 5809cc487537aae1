import {
  AdminCreateUserCommand, AdminListDevicesCommand, AdminSetUserPasswordCommand, ForgetDeviceCommand, ListDevicesCommand, UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, CognitoUserSession } from 'amazon-cognito-identity-js';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Secret, TOTP } from 'otpauth';
import { claimsOf, Harness, startHarness, synthPool } from './helpers';

const PASSWORD = 'Passw0rd!long';
const totpAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

/** Browser-like storage shared by CognitoUser objects, where the SDK keeps the device secret. */
class MemoryStorage {
  private data = new Map<string, string>();
  setItem(k: string, v: string) { this.data.set(k, v); }
  getItem(k: string) { return this.data.get(k) ?? null; }
  removeItem(k: string) { this.data.delete(k); }
  clear() { this.data.clear(); }
}

type Outcome = { kind: 'success'; session: CognitoUserSession } | { kind: 'totp' } | { kind: 'mfaSetup' };

/** Runs the SDK's SRP sign-in and reports where it stopped. */
function callbacks(resolve: (o: Outcome) => void, reject: (e: unknown) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: reject,
    totpRequired: () => resolve({ kind: 'totp' }),
    mfaSetup: () => resolve({ kind: 'mfaSetup' }),
    mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
    selectMFAType: () => reject(new Error('unexpected SELECT_MFA_TYPE')),
    newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
  };
}

const signIn = (user: CognitoUser, password = PASSWORD) => new Promise<Outcome>((resolve, reject) =>
  user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), callbacks(resolve, reject)));
const sendTotp = (user: CognitoUser, code: string) =>
  new Promise<Outcome>((resolve, reject) => user.sendMFACode(code, callbacks(resolve, reject), 'SOFTWARE_TOKEN_MFA'));

async function setUp(deviceOnlyRememberedOnUserPrompt: boolean) {
  const h = await startHarness(synthPool({
    signInAliases: { email: true },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt },
  }));
  const storage = new MemoryStorage();
  const pool = new CognitoUserPool({ UserPoolId: h.poolId, ClientId: h.clientId, endpoint: `${h.sandbox.endpoint}/`, Storage: storage });
  const newUser = (email: string) => new CognitoUser({ Username: email, Pool: pool, Storage: storage });
  return { h, newUser };
}

async function createUser(h: Harness, email: string) {
  await h.cognito.send(new AdminCreateUserCommand({ UserPoolId: h.poolId, Username: email, MessageAction: 'SUPPRESS' }));
  await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: email, Password: PASSWORD, Permanent: true }));
}

/** SRP sign-in that enrols TOTP through MFA_SETUP; returns the secret. */
async function enrol(h: Harness, user: CognitoUser): Promise<string> {
  expect((await signIn(user)).kind).toBe('mfaSetup');
  const secret = await new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
  await new Promise((resolve, reject) => user.verifySoftwareToken(totpAt(secret, h.clock.now()), 'phone', { onSuccess: resolve, onFailure: reject }));
  return secret;
}

describe('SRP sign-in with amazon-cognito-identity-js', () => {
  test('MFA_SETUP, TOTP, then a remembered device skips MFA; forgetting it brings MFA back', async () => {
    const { h, newUser } = await setUp(false);
    try {
      await createUser(h, 'ivy@example.com');
      const secret = await enrol(h, newUser('ivy@example.com'));

      h.clock.advance(30_000);
      const user = newUser('ivy@example.com');
      expect((await signIn(user)).kind).toBe('totp');
      const done = await sendTotp(user, totpAt(secret, h.clock.now()));
      expect(done.kind).toBe('success');
      const accessToken = (done as any).session.getAccessToken().getJwtToken();
      const devices = await h.cognito.send(new ListDevicesCommand({ AccessToken: accessToken }));
      expect(devices.Devices).toHaveLength(1);
      const deviceKey = devices.Devices![0].DeviceKey!;
      expect(devices.Devices![0].DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' });

      // A fresh CognitoUser on the same storage signs in by password + device SRP, no TOTP.
      const again = await signIn(newUser('ivy@example.com'));
      expect(again.kind).toBe('success');
      expect(claimsOf((again as any).session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);

      await expect(signIn(newUser('ivy@example.com'), 'Wrong-passw0rd')).rejects.toMatchObject({ code: 'NotAuthorizedException' });

      const admin = await h.cognito.send(new AdminListDevicesCommand({ UserPoolId: h.poolId, Username: 'ivy@example.com' }));
      expect(admin.Devices?.map(d => d.DeviceKey)).toEqual([deviceKey]);
      await h.cognito.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey }));
      // The SDK retries without the forgotten device and lands on TOTP again.
      expect((await signIn(newUser('ivy@example.com'))).kind).toBe('totp');
    } finally {
      await h.stop();
    }
  });

  test('DeviceOnlyRememberedOnUserPrompt: MFA until UpdateDeviceStatus remembers the device', async () => {
    const { h, newUser } = await setUp(true);
    try {
      await createUser(h, 'jo@example.com');
      const secret = await enrol(h, newUser('jo@example.com'));
      h.clock.advance(30_000);
      const user = newUser('jo@example.com');
      expect((await signIn(user)).kind).toBe('totp');
      const done = await sendTotp(user, totpAt(secret, h.clock.now()));
      const accessToken = (done as any).session.getAccessToken().getJwtToken();
      const [device] = (await h.cognito.send(new ListDevicesCommand({ AccessToken: accessToken }))).Devices!;
      expect(device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'not_remembered' });

      // Known but not remembered: TOTP is still asked, then device SRP completes the sign-in.
      h.clock.advance(30_000);
      const second = newUser('jo@example.com');
      expect((await signIn(second)).kind).toBe('totp');
      expect((await sendTotp(second, totpAt(secret, h.clock.now()))).kind).toBe('success');

      await h.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: device.DeviceKey, DeviceRememberedStatus: 'remembered' }));
      expect((await signIn(newUser('jo@example.com'))).kind).toBe('success');
    } finally {
      await h.stop();
    }
  });
});
