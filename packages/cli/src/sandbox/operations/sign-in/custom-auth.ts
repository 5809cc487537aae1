/**
 * The custom authentication flow (CUSTOM_AUTH): the pool's define, create and verify auth challenge
 * triggers run the sign-in, challenge by challenge, as Cognito runs them.
 *
 * - DefineAuthChallenge sees the results so far (`session`) and answers with the next challenge
 *   (CUSTOM_CHALLENGE, or PASSWORD_VERIFIER when sign-in started with SRP_A), `issueTokens` or
 *   `failAuthentication`.
 * - CreateAuthChallenge makes a CUSTOM_CHALLENGE: public parameters go to the client, private ones
 *   stay in the session for VerifyAuthChallengeResponse, which judges the ANSWER.
 * - MFA: Cognito asks for it only after a PASSWORD_VERIFIER step, and then finishes the sign-in
 *   itself; tokens issued after custom challenges alone skip MFA (the construct warns about this).
 */
import { challenge, continueSignIn, Flow, succeed } from './flow';
import type { StartArgs } from './initiate';
import { BAD_CREDENTIALS, CognitoError, invalidParameter, notAuthorized, userNotFound } from '../../core/errors';
import { UserRecord } from '../../core/records';
import { randomToken } from '../../crypto/ids';
import { isValidA, serverEphemeral } from '../../crypto/srp';
import { SandboxContext } from '../../model/context';
import { AuthSession, CustomChallengeResult } from '../../model/sessions';
import { checkCanSignIn, findUser } from '../../model/users';

const MISSING_TRIGGERS = 'Custom auth lambda trigger is not configured for the user pool.';

/** InitiateAuth with CUSTOM_AUTH: `CHALLENGE_NAME: SRP_A` and `SRP_A` start with a password check. */
export async function startCustomAuth(ctx: SandboxContext, a: StartArgs) {
  if (!ctx.triggers.has(a.pool.config, 'DefineAuthChallenge')) throw invalidParameter(MISSING_TRIGGERS);
  const user = findUser(a.pool, a.params.USERNAME);
  if (!user) throw a.client.preventUserExistenceErrors ? notAuthorized(BAD_CREDENTIALS) : userNotFound();
  checkCanSignIn(user);
  const withSrp = a.params.CHALLENGE_NAME === 'SRP_A';
  if (withSrp && !isValidA(a.params.SRP_A ?? '')) throw invalidParameter('Missing or invalid SRP_A.');
  const flow: Flow = { ...a, user, authTime: ctx.now(), deviceKey: a.params.DEVICE_KEY };
  return defineNext(ctx, flow, withSrp ? [{ challengeName: 'SRP_A', challengeResult: true }] : [], a.params.SRP_A);
}

/** Asks DefineAuthChallenge what comes after `results`, and opens that challenge or ends the sign-in. */
export async function defineNext(ctx: SandboxContext, f: Flow, results: CustomChallengeResult[], srpA?: string): Promise<unknown> {
  const define = await ctx.triggers.invoke(f.pool.config, {
    trigger: 'DefineAuthChallenge',
    triggerSource: 'DefineAuthChallenge_Authentication',
    username: f.user.username,
    clientId: f.client.id,
    request: { userAttributes: userAttributes(f.user), session: results, userNotFound: false, clientMetadata: f.clientMetadata ?? {} },
  });
  // No answer: the trigger's code is not in the template or cdk.out (the sandbox log says which).
  if (!define) throw invalidParameter(MISSING_TRIGGERS);
  if (define.failAuthentication) throw notAuthorized(BAD_CREDENTIALS);
  // Tokens straight from the custom flow: Cognito adds no MFA here.
  if (define.issueTokens) return succeed(ctx, f);
  if (define.challengeName === 'PASSWORD_VERIFIER') return passwordVerifierChallenge(ctx, f, results, srpA);
  if (define.challengeName !== 'CUSTOM_CHALLENGE') {
    throw new CognitoError('InvalidLambdaResponseException', `DefineAuthChallenge returned challengeName ${define.challengeName}, which the sandbox does not run.`);
  }
  return customChallenge(ctx, f, results);
}

/** RespondToAuthChallenge with CUSTOM_CHALLENGE: VerifyAuthChallengeResponse judges the ANSWER. */
export async function answerCustomChallenge(ctx: SandboxContext, f: Flow, session: AuthSession, answer: string | undefined) {
  const custom = session.custom;
  if (!custom) throw notAuthorized(BAD_CREDENTIALS);
  if (answer === undefined) throw invalidParameter('Missing required parameter ANSWER');
  const verdict = await ctx.triggers.invoke(f.pool.config, {
    trigger: 'VerifyAuthChallengeResponse',
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    username: f.user.username,
    clientId: f.client.id,
    request: {
      userAttributes: userAttributes(f.user),
      privateChallengeParameters: custom.privateParameters,
      challengeAnswer: answer,
      userNotFound: false,
      clientMetadata: f.clientMetadata ?? {},
    },
  });
  const result: CustomChallengeResult = {
    challengeName: 'CUSTOM_CHALLENGE', challengeResult: verdict?.answerCorrect === true, challengeMetadata: custom.metadata,
  };
  return defineNext(ctx, f, [...custom.results, result]);
}

/**
 * After PASSWORD_VERIFIER succeeded in the custom flow: a user with MFA gets Cognito's own MFA step
 * and then tokens; anyone else goes back to DefineAuthChallenge.
 */
export async function afterCustomPassword(ctx: SandboxContext, f: Flow, results: CustomChallengeResult[]) {
  if (f.user.mfaEnabled.length > 0 && f.pool.config.mfaConfiguration !== 'OFF') return continueSignIn(ctx, f);
  return defineNext(ctx, f, [...results, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }]);
}

async function customChallenge(ctx: SandboxContext, f: Flow, results: CustomChallengeResult[]) {
  const created = await ctx.triggers.invoke(f.pool.config, {
    trigger: 'CreateAuthChallenge',
    triggerSource: 'CreateAuthChallenge_Authentication',
    username: f.user.username,
    clientId: f.client.id,
    request: { userAttributes: userAttributes(f.user), challengeName: 'CUSTOM_CHALLENGE', session: results, userNotFound: false, clientMetadata: f.clientMetadata ?? {} },
  });
  if (!created) throw invalidParameter(MISSING_TRIGGERS);
  const publicParameters = stringMap(created.publicChallengeParameters);
  return challenge(ctx, f, 'CUSTOM_CHALLENGE', { ...publicParameters, USERNAME: f.user.username }, {
    custom: { results, privateParameters: stringMap(created.privateChallengeParameters), metadata: created.challengeMetadata },
  });
}

/** The SRP step inside the custom flow, from the SRP_A the client sent with InitiateAuth. */
async function passwordVerifierChallenge(ctx: SandboxContext, f: Flow, results: CustomChallengeResult[], srpA: string | undefined) {
  if (!srpA) {
    throw new CognitoError('InvalidLambdaResponseException', 'DefineAuthChallenge asked for PASSWORD_VERIFIER, but sign-in did not start with CHALLENGE_NAME SRP_A.');
  }
  const secretBlock = randomToken(256);
  const ephemeral = await serverEphemeral(f.user.srpVerifier);
  return challenge(ctx, f, 'PASSWORD_VERIFIER', {
    SALT: f.user.srpSalt, SECRET_BLOCK: secretBlock, SRP_B: ephemeral.B, USERNAME: f.user.username,
  }, { srp: { ephemeral, secretBlock, a: srpA }, custom: { results, privateParameters: {} } });
}

const userAttributes = (user: UserRecord) => ({ sub: user.sub, ...user.attributes });

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (v != null) out[k] = String(v);
  return out;
}

