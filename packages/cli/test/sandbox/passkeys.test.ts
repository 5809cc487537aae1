/**
 * Passkeys end to end through the real AWS SDK: registration and sign-in ceremonies made by a
 * software authenticator (node:crypto, CBOR by cbor-x) and verified by the sandbox with
 * @simplewebauthn/server, against the template of our Auth construct.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand, DeleteWebAuthnCredentialCommand, InitiateAuthCommand, ListWebAuthnCredentialsCommand,
  NotAuthorizedException, ResourceNotFoundException, RespondToAuthChallengeCommand, StartWebAuthnRegistrationCommand,
  WebAuthnChallengeNotFoundException, WebAuthnConfigurationMissingException, WebAuthnCredentialNotSupportedException, WebAuthnNotEnabledException,
  WebAuthnOriginNotAllowedException, WebAuthnRelyingPartyMismatchException,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthProps, MfaMode } from '@cdk-mfa/auth';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { claimsOf, createEmailUser, Harness, startHarness, synthPool } from '../support';
import { SoftAuthenticator } from './fixtures/soft-authenticator';
import { synthAuth } from '../../../../test/support/synth';

const PASSWORD = 'Passw0rd!long-enough';
const EMAIL = 'ana@example.com';
const RP_ID = 'app.example.com';

const templateOf = (passwordless: AuthProps['passwordless']) =>
  synthAuth({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true }, passwordless }).template.toJSON();

const userAuth = (h: Harness, params: Record<string, string> = {}) =>
  h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: EMAIL, ...params } }));

const answer = (h: Harness, challenge: string, session: string | undefined, responses: Record<string, string>) =>
  h.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: h.clientId, ChallengeName: challenge as any, Session: session, ChallengeResponses: { USERNAME: EMAIL, ...responses },
  }));

/** A user signed in with a password, for the self-service passkey operations. */
async function signedInUser(h: Harness): Promise<string> {
  await createEmailUser(h, EMAIL, PASSWORD);
  const result = await userAuth(h, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
  return result.AuthenticationResult!.AccessToken!;
}

async function register(h: Harness, accessToken: string, authenticator: SoftAuthenticator, o: Parameters<SoftAuthenticator['create']>[1] = {}) {
  const { CredentialCreationOptions } = await h.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
  const credential = authenticator.create(CredentialCreationOptions, o);
  await h.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as any }));
  return CredentialCreationOptions as any;
}

/** USER_AUTH preferring WEB_AUTHN: the challenge, and the options it carries. */
async function passkeyChallenge(h: Harness) {
  const started = await userAuth(h, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
  expect(started.ChallengeName).toBe('WEB_AUTHN');
  return { session: started.Session, options: JSON.parse(started.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS) };
}

async function signInWithPasskey(h: Harness, authenticator: SoftAuthenticator, o: Parameters<SoftAuthenticator['get']>[1] = {}) {
  const { session, options } = await passkeyChallenge(h);
  return answer(h, 'WEB_AUTHN', session, { CREDENTIAL: JSON.stringify(authenticator.get(options, o)) });
}

describe('passkeys with user verification preferred', () => {
  const template = templateOf({ passkey: true, passkeyRelyingPartyId: RP_ID });
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(template);
  });
  afterEach(() => h.stop());

  test('register, list, sign in with WEB_AUTHN (preferred or selected), replayed counter refused, delete', async () => {
    const accessToken = await signedInUser(h);
    const authenticator = new SoftAuthenticator();

    // Before a passkey, choice-based sign-in does not offer WEB_AUTHN.
    expect((await userAuth(h)).AvailableChallenges).toEqual(['PASSWORD_SRP', 'PASSWORD']);

    const options = await register(h, accessToken, authenticator);
    expect(options).toMatchObject({
      rp: { id: RP_ID },
      user: { name: expect.any(String), displayName: EMAIL },
      pubKeyCredParams: expect.arrayContaining([{ type: 'public-key', alg: -7 }]),
      authenticatorSelection: { userVerification: 'preferred' },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
    });

    const listed = await h.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    expect(listed.Credentials).toEqual([{
      CredentialId: authenticator.credentialIds[0],
      FriendlyCredentialName: expect.stringMatching(/^Passkey \d{4}-\d{2}-\d{2}/),
      RelyingPartyId: RP_ID,
      AuthenticatorAttachment: 'platform',
      AuthenticatorTransports: ['internal', 'hybrid'],
      CreatedAt: expect.any(Date),
    }]);

    // Preferred challenge: the assertion alone signs in, as the user it names.
    const { session, options: requestOptions } = await passkeyChallenge(h);
    expect(requestOptions).toMatchObject({ rpId: RP_ID, allowCredentials: [{ id: authenticator.credentialIds[0], type: 'public-key' }], userVerification: 'preferred' });
    const assertion = authenticator.get(requestOptions);
    const signedIn = await answer(h, 'WEB_AUTHN', session, { CREDENTIAL: JSON.stringify(assertion) });
    expect(claimsOf(signedIn.AuthenticationResult!.IdToken).email).toBe(EMAIL);
    // The same assertion again: the session was spent.
    await expect(answer(h, 'WEB_AUTHN', session, { CREDENTIAL: JSON.stringify(assertion) })).rejects.toThrow(NotAuthorizedException);

    // SELECT_CHALLENGE now offers WEB_AUTHN; answering it opens the passkey challenge.
    const select = await userAuth(h);
    expect(select.AvailableChallenges).toEqual(['PASSWORD_SRP', 'PASSWORD', 'WEB_AUTHN']);
    const chosen = await answer(h, 'SELECT_CHALLENGE', select.Session, { ANSWER: 'WEB_AUTHN' });
    expect(chosen.ChallengeName).toBe('WEB_AUTHN');
    const viaSelect = await answer(h, 'WEB_AUTHN', chosen.Session, {
      CREDENTIAL: JSON.stringify(authenticator.get(JSON.parse(chosen.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS))),
    });
    expect(viaSelect.AuthenticationResult?.AccessToken).toBeDefined();

    // A counting authenticator that repeats (or lowers) its counter looks cloned: refused.
    await expect(signInWithPasskey(h, authenticator, { counter: 2 })).rejects.toThrow(/counter/i);
    await expect(signInWithPasskey(h, authenticator, { counter: 1 })).rejects.toThrow(NotAuthorizedException);
    expect((await signInWithPasskey(h, authenticator, { counter: 3 })).AuthenticationResult).toBeDefined();

    await h.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: authenticator.credentialIds[0] }));
    await expect(h.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: authenticator.credentialIds[0] })))
      .rejects.toThrow(ResourceNotFoundException);
    expect((await h.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials).toEqual([]);
    expect((await userAuth(h)).AvailableChallenges).toEqual(['PASSWORD_SRP', 'PASSWORD']);
  });

  test('an authenticator that does not count (counter 0) signs in again and again; preferred UV takes an unverified user', async () => {
    const accessToken = await signedInUser(h);
    const synced = new SoftAuthenticator(false);
    await register(h, accessToken, synced, { userVerified: false });
    for (let i = 0; i < 3; i++) expect((await signInWithPasskey(h, synced, { userVerified: i !== 1 })).AuthenticationResult).toBeDefined();
  });

  test('a wrong origin or relying party is refused, at registration and at sign-in', async () => {
    const accessToken = await signedInUser(h);
    const authenticator = new SoftAuthenticator();
    await expect(register(h, accessToken, authenticator, { origin: 'https://evil.example' })).rejects.toThrow(WebAuthnOriginNotAllowedException);
    // A look-alike host is not a subdomain; plain http is only for localhost.
    await expect(register(h, accessToken, authenticator, { origin: 'https://evilapp.example.com' })).rejects.toThrow(WebAuthnOriginNotAllowedException);
    await expect(register(h, accessToken, authenticator, { origin: `http://${RP_ID}` })).rejects.toThrow(WebAuthnOriginNotAllowedException);
    await expect(register(h, accessToken, authenticator, { rpId: 'evil.example' })).rejects.toThrow(WebAuthnRelyingPartyMismatchException);
    // A subdomain of the relying party is a valid origin.
    await register(h, accessToken, authenticator, { origin: `https://login.${RP_ID}` });
    expect((await h.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials).toHaveLength(1);

    await expect(signInWithPasskey(h, authenticator, { origin: 'https://evil.example' })).rejects.toThrow(WebAuthnOriginNotAllowedException);
    await expect(signInWithPasskey(h, authenticator, { rpId: 'evil.example' })).rejects.toThrow(WebAuthnRelyingPartyMismatchException);
    expect((await signInWithPasskey(h, authenticator)).AuthenticationResult).toBeDefined();
  });

  test('completing without a registration in progress, or twice, is refused; a forged signature is refused', async () => {
    const accessToken = await signedInUser(h);
    const authenticator = new SoftAuthenticator();
    const fake = authenticator.create({ rp: { id: RP_ID }, challenge: 'AAAA' });
    await expect(h.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: fake as any })))
      .rejects.toThrow(WebAuthnChallengeNotFoundException);
    const { CredentialCreationOptions } = await h.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const credential = authenticator.create(CredentialCreationOptions);
    await h.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as any }));
    await expect(h.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as any })))
      .rejects.toThrow(WebAuthnChallengeNotFoundException);

    const { session, options } = await passkeyChallenge(h);
    const assertion = authenticator.get(options) as any;
    const signature = Buffer.from(assertion.response.signature, 'base64url');
    signature[signature.length - 1] = 255 - signature[signature.length - 1];
    assertion.response.signature = signature.toString('base64url');
    await expect(answer(h, 'WEB_AUTHN', session, { CREDENTIAL: JSON.stringify(assertion) })).rejects.toThrow(NotAuthorizedException);
  });

  test('a browser page on localhost registers for the relying party localhost, and signs in from it', async () => {
    const accessToken = await signedInUser(h);
    const page = 'http://localhost:5173';
    const browser = new CognitoIdentityProviderClient({
      region: 'us-east-1', endpoint: h.sandbox.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1,
    });
    browser.middlewareStack.add(next => async (args: any) => {
      args.request.headers.origin = page;
      return next(args);
    }, { step: 'build' });
    try {
      const authenticator = new SoftAuthenticator();
      const { CredentialCreationOptions } = await browser.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      expect((CredentialCreationOptions as any).rp.id).toBe('localhost');
      await browser.send(new CompleteWebAuthnRegistrationCommand({
        AccessToken: accessToken, Credential: authenticator.create(CredentialCreationOptions, { origin: page }) as any,
      }));
      const listed = await browser.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
      expect(listed.Credentials?.[0].RelyingPartyId).toBe('localhost');
      const { session, options } = await passkeyChallenge(h);
      expect(options.rpId).toBe('localhost');
      const signedIn = await answer(h, 'WEB_AUTHN', session, { CREDENTIAL: JSON.stringify(authenticator.get(options, { origin: page })) });
      expect(signedIn.AuthenticationResult).toBeDefined();
    } finally {
      browser.destroy();
    }
  });
});

test('passkeys and their counters survive a sandbox restart (the state file)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passkeys-'));
  const template = templateOf({ passkey: true, passkeyRelyingPartyId: RP_ID });
  const authenticator = new SoftAuthenticator();
  try {
    const first = await startHarness(template, { stateFile: path.join(dir, 'state.json') });
    try {
      await register(first, await signedInUser(first), authenticator);
      expect((await signInWithPasskey(first, authenticator, { counter: 5 })).AuthenticationResult).toBeDefined();
    } finally {
      await first.stop();
    }
    const second = await startHarness(template, { stateFile: path.join(dir, 'state.json') });
    try {
      await expect(signInWithPasskey(second, authenticator, { counter: 5 })).rejects.toThrow(/counter/i);
      expect((await signInWithPasskey(second, authenticator, { counter: 6 })).AuthenticationResult).toBeDefined();
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('passkeys with user verification required', () => {
  const template = templateOf({ passkey: true, passkeyRelyingPartyId: RP_ID, passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED });

  test('registration and sign-in without the UV flag are refused; with it they pass', async () => {
    const h = await startHarness(template);
    try {
      const accessToken = await signedInUser(h);
      const authenticator = new SoftAuthenticator();
      await expect(register(h, accessToken, authenticator, { userVerified: false })).rejects.toThrow(WebAuthnCredentialNotSupportedException);
      const options = await register(h, accessToken, authenticator);
      expect(options.authenticatorSelection.userVerification).toBe('required');
      const { options: requestOptions } = await passkeyChallenge(h);
      expect(requestOptions.userVerification).toBe('required');
      await expect(signInWithPasskey(h, authenticator, { userVerified: false })).rejects.toThrow(/user verification|verified/i);
      expect((await signInWithPasskey(h, authenticator)).AuthenticationResult).toBeDefined();
    } finally {
      await h.stop();
    }
  });
});

describe('the relying party of a template without WebAuthnRelyingPartyID (an aws-cdk-lib pool)', () => {
  const passkeyPool = { featurePlan: cognito.FeaturePlan.ESSENTIALS, signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: true } } };
  const client = { authFlows: { user: true, adminUserPassword: true } };

  async function startOptions(template: object) {
    const h = await startHarness(template);
    try {
      return await h.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: await signedInUser(h) }));
    } finally {
      await h.stop();
    }
  }

  test('is the prefix domain', async () => {
    const template = synthPool(passkeyPool, client, (_stack, pool) => pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'my-app' } }));
    expect((await startOptions(template)).CredentialCreationOptions).toMatchObject({ rp: { id: 'my-app.auth.us-east-1.amazoncognito.com' } });
  });

  test('is missing without a domain: WebAuthnConfigurationMissingException', async () => {
    await expect(startOptions(synthPool(passkeyPool, client))).rejects.toThrow(WebAuthnConfigurationMissingException);
  });
});

test('a pool without passkeys refuses passkey registration', async () => {
  const h = await startHarness(templateOf({ emailOtp: true }));
  try {
    const accessToken = await signedInUser(h);
    await expect(h.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }))).rejects.toThrow(WebAuthnNotEnabledException);
  } finally {
    await h.stop();
  }
});
