/**
 * The one Cognito client of the mfa-by-group handler: created lazily, once per container,
 * from a factory that tests replace (the SDK is the only boundary we fake).
 */
import { AdminGetUserCommand, AdminGetUserCommandOutput, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** The slice of the Cognito client that the handler uses. */
export interface AdminGetUserClient {
  send(command: AdminGetUserCommand, options?: { abortSignal?: AbortSignal }): Promise<Pick<AdminGetUserCommandOutput, 'UserMFASettingList'>>;
}

/** Creates the client; called at most once per container (until the factory is replaced). */
export type AdminGetUserClientFactory = () => AdminGetUserClient;

// Region and credentials come from the Lambda environment.
const defaultFactory: AdminGetUserClientFactory = () => new CognitoIdentityProviderClient({});

let factory: AdminGetUserClientFactory = defaultFactory;
let client: AdminGetUserClient | undefined;

/** Replaces the client factory (tests); `undefined` restores the real SDK client. Drops the cached client. */
export function setCognitoClientFactory(next: AdminGetUserClientFactory | undefined): void {
  factory = next ?? defaultFactory;
  client = undefined;
}

/** The container's client, created on first use. */
export function getCognitoClient(): AdminGetUserClient {
  client ??= factory();
  return client;
}

/** True when the user has at least one enabled MFA method (`UserMFASettingList` non-empty). */
export async function userHasMfa(userPoolId: string, username: string, abortSignal?: AbortSignal): Promise<boolean> {
  const out = await getCognitoClient().send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }), { abortSignal });
  const methods = out?.UserMFASettingList;
  return Array.isArray(methods) && methods.length > 0;
}
