/**
 * A remembered device stands in for MFA only while it is remembered: one un-remembered or
 * forgotten between the DEVICE_SRP_AUTH challenge and its answer leaves MFA to do (found by the
 * model test, test/sandbox/mfa-model.test.ts).
 */
import {
  AdminSetUserMFAPreferenceCommand, ConfirmDeviceCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { makeVerifier, srpClient, srpTimestamp } from '../../src/sandbox/crypto/srp';
import { createEmailUser, startHarness, synthPool } from '../support';

const EMAIL = 'dev@example.com';
const PASSWORD = 'Passw0rd!long';
const b64 = (hex: string) => Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64');

test('device SRP for a device no longer remembered goes on to MFA', async () => {
  const h = await startHarness(synthPool({
    signInAliases: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: false, sms: false, email: true },
    email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.com', sesRegion: 'us-east-1' }),
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
  }));
  try {
    await createEmailUser(h, EMAIL, PASSWORD);
    const EmailMfaSettings = { Enabled: true, PreferredMfa: true };
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: EMAIL, EmailMfaSettings }));
    const password = (DEVICE_KEY?: string) => h.cognito.send(new InitiateAuthCommand({
      ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD, ...(DEVICE_KEY ? { DEVICE_KEY } : {}) },
    }));
    type Responses = Record<string, string>;
    const answer = (ChallengeName: any, Session: string | undefined, responses: Responses) => h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName, Session, ChallengeResponses: { USERNAME: EMAIL, ...responses },
    }));
    // First sign-in with the emailed code; the new device is confirmed, and so remembered.
    const first = await password();
    const tokens = (await answer('EMAIL_OTP', first.Session, { EMAIL_OTP_CODE: h.sandbox.outbox.latest({ purpose: 'MFA' })!.code! })).AuthenticationResult!;
    const { DeviceKey: key, DeviceGroupKey: group } = tokens.NewDeviceMetadata!;
    const { salt, verifier } = makeVerifier(group!, key!, 'device-secret');
    await h.cognito.send(new ConfirmDeviceCommand({
      AccessToken: tokens.AccessToken, DeviceKey: key, DeviceSecretVerifierConfig: { PasswordVerifier: b64(verifier), Salt: b64(salt) },
    }));

    const deviceSignIn = async () => {
      const challenge = await password(key);
      expect(challenge.ChallengeName).toBe('DEVICE_SRP_AUTH');
      return challenge;
    };
    const proveDevice = async (session: string | undefined) => {
      const srp = srpClient(group!);
      const round = await answer('DEVICE_SRP_AUTH', session, { DEVICE_KEY: key!, SRP_A: srp.A });
      const p = round.ChallengeParameters!;
      const timestamp = srpTimestamp(new Date());
      return answer('DEVICE_PASSWORD_VERIFIER', round.Session, {
        DEVICE_KEY: key!,
        PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: srp.sign({ userId: key!, password: 'device-secret', saltHex: p.SALT, bHex: p.SRP_B, secretBlock: p.SECRET_BLOCK, timestamp }),
      });
    };
    // Remembered: the device proof is the whole second factor.
    expect((await proveDevice((await deviceSignIn()).Session)).AuthenticationResult).toBeDefined();

    // Un-remembered after the challenge was issued: the device proof is not enough any more.
    const pending = await deviceSignIn();
    await h.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: tokens.AccessToken, DeviceKey: key, DeviceRememberedStatus: 'not_remembered' }));
    const next = await proveDevice(pending.Session);
    expect(next.AuthenticationResult).toBeUndefined();
    expect(next.ChallengeName).toBe('EMAIL_OTP');
    const done = await answer('EMAIL_OTP', next.Session, { EMAIL_OTP_CODE: h.sandbox.outbox.latest({ purpose: 'MFA' })!.code! });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  } finally {
    await h.stop();
  }
});
