/** The custom authentication flow (CUSTOM_AUTH) with define/create/verify triggers wired by our Auth construct. */
import {
  AssociateSoftwareTokenCommand, InitiateAuthCommand, InvalidParameterException,
  NotAuthorizedException, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Auth, AuthProps, MfaMode } from '@cdk-mfa/auth';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { testStack } from '../../../../test/support/synth';
import { srpClient, srpTimestamp } from '../../src/sandbox';
import { createEmailUser, Harness, startHarness, totpCode } from '../support';

const USER = 'quiz@example.com';
const PASSWORD = 'Passw0rd!long-enough';

/** Password first when the client sent SRP_A, then one arithmetic question, three tries. */
const DEFINE = `exports.handler = async (event) => {
  const session = event.request.session;
  const last = session[session.length - 1];
  const tries = session.filter(c => c.challengeName === 'CUSTOM_CHALLENGE').length;
  event.response.issueTokens = false;
  event.response.failAuthentication = false;
  if (last && last.challengeName === 'SRP_A') event.response.challengeName = 'PASSWORD_VERIFIER';
  else if (last && last.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) event.response.issueTokens = true;
  else if (tries >= 3) event.response.failAuthentication = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
};`;
const CREATE = `exports.handler = async (event) => {
  event.response.publicChallengeParameters = { question: '2 + 3 = ?' };
  event.response.privateChallengeParameters = { answer: '5' };
  event.response.challengeMetadata = 'ARITHMETIC';
  return event;
};`;
const VERIFY = `exports.handler = async (event) => {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
};`;

function customAuthPool(client: AuthProps['client'] = { authFlows: { userSrp: true, custom: true } }): object {
  const stack = testStack();
  const fn = (id: string, code: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code) });
  new Auth(stack, 'Auth', {
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    client,
    triggers: { defineAuthChallenge: fn('Define', DEFINE), createAuthChallenge: fn('Create', CREATE), verifyAuthChallengeResponse: fn('Verify', VERIFY) },
  });
  return Template.fromStack(stack).toJSON();
}

async function startWithUser(template: object): Promise<Harness> {
  const h = await startHarness(template);
  await createEmailUser(h, USER, PASSWORD);
  return h;
}

const answer = (h: Harness, challenge: string, session: string | undefined, responses: Record<string, string>) =>
  h.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: h.clientId, ChallengeName: challenge as any, Session: session, ChallengeResponses: { USERNAME: USER, ...responses },
  }));

/** Starts CUSTOM_AUTH with SRP_A and answers PASSWORD_VERIFIER with the right password. */
async function passwordFirst(h: Harness) {
  const srp = srpClient(h.poolId.split('_')[1]);
  const start = await h.cognito.send(new InitiateAuthCommand({
    ClientId: h.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: USER, CHALLENGE_NAME: 'SRP_A', SRP_A: srp.A },
  }));
  expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
  const p = start.ChallengeParameters!;
  const timestamp = srpTimestamp(new Date());
  return answer(h, 'PASSWORD_VERIFIER', start.Session, srp.passwordVerifier(p, PASSWORD, timestamp));
}

describe('custom authentication flow', () => {
  test('a custom challenge alone: wrong answers get another try, the third fails, the right one signs in', async () => {
    const h = await startWithUser(customAuthPool());
    try {
      const start = () => h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: USER } }));
      const first = await start();
      // USERNAME is the internal name: a UUID, since users sign in with their email address.
      expect(first).toMatchObject({
        ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { question: '2 + 3 = ?', USERNAME: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      });
      const second = await answer(h, 'CUSTOM_CHALLENGE', first.Session, { ANSWER: '4' });
      expect(second.ChallengeName).toBe('CUSTOM_CHALLENGE');
      const signedIn = await answer(h, 'CUSTOM_CHALLENGE', second.Session, { ANSWER: '5' });
      expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();

      let step = await start();
      for (const wrong of ['1', '2']) step = await answer(h, 'CUSTOM_CHALLENGE', step.Session, { ANSWER: wrong });
      await expect(answer(h, 'CUSTOM_CHALLENGE', step.Session, { ANSWER: '3' }))
        .rejects.toThrow(new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} }));
    } finally {
      await h.stop();
    }
  });

  test('password first (SRP_A), then the custom challenge; a user with TOTP gets Cognito\'s MFA step instead', async () => {
    const h = await startWithUser(customAuthPool());
    try {
      const afterPassword = await passwordFirst(h);
      expect(afterPassword.ChallengeName).toBe('CUSTOM_CHALLENGE');
      const tokens = (await answer(h, 'CUSTOM_CHALLENGE', afterPassword.Session, { ANSWER: '5' })).AuthenticationResult!;

      const { SecretCode } = await h.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
      const code = totpCode(SecretCode!, h.clock.now());
      await h.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: code }));
      await h.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));

      expect((await passwordFirst(h)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    } finally {
      await h.stop();
    }
  });

  test('the flow must be allowed on the client', async () => {
    const h = await startWithUser(customAuthPool({ authFlows: { userSrp: true } }));
    try {
      await expect(h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: USER } })))
        .rejects.toThrow(new InvalidParameterException({ message: 'CUSTOM_AUTH flow not enabled for this client', $metadata: {} }));
    } finally {
      await h.stop();
    }
  });
});
