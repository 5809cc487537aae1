/** The one SDK sign-in helper: InitiateAuth / RespondToAuthChallenge against one app client. */
import {
  AuthenticationResultType, ChallengeNameType, CognitoIdentityProviderClient, InitiateAuthCommand, InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand, RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';

/** An SDK client and the app client it signs in with (a {@link Harness} is one). */
export interface PoolClient {
  readonly cognito: CognitoIdentityProviderClient;
  readonly clientId: string;
}

export interface SignInOptions {
  /** More AuthParameters (DEVICE_KEY, SECRET_HASH, ...). */
  readonly authParameters?: Record<string, string>;
  readonly clientMetadata?: Record<string, string>;
}

/** USER_PASSWORD_AUTH: the tokens or the first challenge, as the pool answers. */
export const passwordSignIn = (
  c: PoolClient, username: string, password: string, options: SignInOptions = {},
): Promise<InitiateAuthCommandOutput> => c.cognito.send(new InitiateAuthCommand({
  ClientId: c.clientId,
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: username, PASSWORD: password, ...options.authParameters },
  ...(options.clientMetadata ? { ClientMetadata: options.clientMetadata } : {}),
}));

/** USER_PASSWORD_AUTH for a user the pool asks no challenge of: the tokens (throws on a challenge). */
export async function signInTokens(
  c: PoolClient, username: string, password: string, options: SignInOptions = {},
): Promise<AuthenticationResultType> {
  const out = await passwordSignIn(c, username, password, options);
  if (!out.AuthenticationResult) throw new Error(`expected tokens for ${username}, got challenge ${out.ChallengeName}`);
  return out.AuthenticationResult;
}

/** RespondToAuthChallenge with the given responses. */
export const respond = (
  c: PoolClient, challenge: ChallengeNameType | string, session: string | undefined, responses: Record<string, string>,
): Promise<RespondToAuthChallengeCommandOutput> => c.cognito.send(new RespondToAuthChallengeCommand({
  ClientId: c.clientId, ChallengeName: challenge as ChallengeNameType, Session: session, ChallengeResponses: responses,
}));
