import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { ResolvedAuthConfig, ResolvedClient } from '../config/resolved';
import { ResolvedOAuth } from '../config/resolved-front-door';

/** What every app client of the pool is built from. */
export interface AppClientInputs {
  readonly userPool: cognito.UserPool;
  /**
   * Resources a client names by literal value, so CloudFormation must create them first: the
   * identity providers by provider name, the resource servers.
   */
  readonly providers: ReadonlyMap<string, IConstruct>;
  readonly resourceServers: readonly IConstruct[];
}

const VALIDITIES = [
  ['accessTokenValidity', 'AccessTokenValidity', 'AccessToken'],
  ['idTokenValidity', 'IdTokenValidity', 'IdToken'],
  ['refreshTokenValidity', 'RefreshTokenValidity', 'RefreshToken'],
] as const;

/** A Duration's amount in its own unit: a token amount cannot be converted, only passed on. */
const AMOUNT: Record<string, (d: Duration) => number> = {
  seconds: d => d.toSeconds(), minutes: d => d.toMinutes(), hours: d => d.toHours(), days: d => d.toDays(),
};

/**
 * The public app client: no secret (browsers and mobile apps cannot keep one), user existence
 * errors hidden, token revocation on. Without `client.oauth` it has no OAuth flows (the L2's
 * default would enable the implicit grant).
 *
 * The L2 range-checks token validities at synth time, which a token cannot pass; a token validity
 * goes on the L1 in its own unit instead (every client).
 */
export function createAppClient(scope: Construct, inputs: AppClientInputs, config: ResolvedAuthConfig): cognito.UserPoolClient {
  return createClient(scope, 'UserPoolClient', inputs, config.client, { generateSecret: false });
}

/** A named client's construct id (and so its logical ID): `AppClient` plus the name's letters and digits. */
export function namedClientConstructId(name: string): string {
  return `AppClient${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** An app client this construct created, with its resolved config. */
export interface CreatedClient {
  /** How messages and alarms name it: `client` for the default one, `appClients.<name>` for the others. */
  readonly label: string;
  readonly client: cognito.UserPoolClient;
  readonly resolved: ResolvedClient;
}

/** One of `appClients`. */
export interface NamedClient extends CreatedClient {
  readonly name: string;
}

/** The further app clients, in config order. */
export function createNamedClients(scope: Construct, inputs: AppClientInputs, config: ResolvedAuthConfig): NamedClient[] {
  return config.appClients.map(resolved => ({
    name: resolved.name,
    label: `appClients.${resolved.name}`,
    client: createClient(scope, namedClientConstructId(resolved.name), inputs, resolved, {
      generateSecret: resolved.generateSecret,
      userPoolClientName: resolved.name,
    }),
    resolved,
  }));
}

function createClient(
  scope: Construct, id: string, inputs: AppClientInputs, client: ResolvedClient, extra: Partial<cognito.UserPoolClientProps>,
): cognito.UserPoolClient {
  const literal = (d: Duration) => (d.isUnresolved() ? undefined : d);
  const userPoolClient = new cognito.UserPoolClient(scope, id, {
    userPool: inputs.userPool,
    ...extra,
    ...oauthProps(client.oauth),
    authFlows: client.authFlows,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: literal(client.accessTokenValidity),
    idTokenValidity: literal(client.idTokenValidity),
    refreshTokenValidity: literal(client.refreshTokenValidity),
    // Only when set: the L2 records which props were given in the construct metadata.
    ...(client.refreshTokenRotation ? { refreshTokenRotationGracePeriod: client.refreshTokenRotation.retryGracePeriod } : {}),
  });
  // Attribute permissions in Cognito's own names (the L2's ClientAttributes takes camelCase masks).
  const cfn = userPoolClient.node.defaultChild as cognito.CfnUserPoolClient;
  if (client.readAttributes) cfn.readAttributes = [...client.readAttributes];
  if (client.writeAttributes) cfn.writeAttributes = [...client.writeAttributes];
  for (const [prop, cfnProp, unitKey] of VALIDITIES) {
    const validity = client[prop];
    if (!validity.isUnresolved()) continue;
    cfn.addPropertyOverride(cfnProp, AMOUNT[validity.unitLabel()](validity));
    cfn.addPropertyOverride(`TokenValidityUnits.${unitKey}`, validity.unitLabel());
  }
  if (client.oauth) {
    const providers = client.oauth.identityProviders.flatMap(name => inputs.providers.get(name) ?? []);
    [...providers, ...inputs.resourceServers].forEach(dependency => userPoolClient.node.addDependency(dependency));
  }
  return userPoolClient;
}

function oauthProps(oauth: ResolvedOAuth | undefined): Partial<cognito.UserPoolClientProps> {
  if (!oauth) return { disableOAuth: true };
  return {
    oAuth: {
      flows: {
        authorizationCodeGrant: oauth.authorizationCodeGrant,
        implicitCodeGrant: oauth.implicitGrant,
        clientCredentials: oauth.clientCredentials,
      },
      callbackUrls: oauth.hostedSignIn ? [...oauth.callbackUrls] : undefined,
      logoutUrls: oauth.logoutUrls.length > 0 ? [...oauth.logoutUrls] : undefined,
      defaultRedirectUri: oauth.defaultRedirectUri,
      scopes: oauth.scopes.map(scope => cognito.OAuthScope.custom(scope)),
    },
    supportedIdentityProviders: oauth.identityProviders.map(name => cognito.UserPoolClientIdentityProvider.custom(name)),
  };
}
