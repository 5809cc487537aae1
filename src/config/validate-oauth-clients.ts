import { Duration } from 'aws-cdk-lib';
import { clientsOf, ListedClient } from './client-list';
import { checkedAtDeploy, Finding, problem, warning } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { COGNITO_PROVIDER, ResolvedOAuth, STANDARD_ATTRIBUTE_WIRE_NAMES } from './resolved-front-door';
import { closest } from './shape/closest';
import { isToken } from './tokens';
import { checkValidity } from './validate-client';

// CreateUserPoolClient: CallbackURLs and LogoutURLs at most 100 each, each 1-1024 characters;
// AllowedOAuthScopes at most 50; ClientName 1-128 characters of [\w\s+=,.@-].
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
const MAX_URLS = 100;
const MAX_URL_LENGTH = 1024;
const MAX_SCOPES = 50;
const CLIENT_NAME = /^[\w\s+=,.@-]{1,128}$/;
const STANDARD_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];
// ResourceServerScopeType and CreateResourceServer: scope names and descriptions 1-256 characters,
// at most 100 scopes, identifiers 1-256 characters.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResourceServerScopeType.html
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/;
const RESOURCE_SERVER_ID = /^[\x09-\x0D\x20-\x7E]{1,256}$/;
const MAX_SERVER_SCOPES = 100;

/** Every app client's OAuth settings, attribute permissions and refresh token rotation; the named clients; the resource servers. */
export function validateOAuthClients(config: ResolvedAuthConfig): Finding[] {
  const clients = clientsOf(config);
  return [
    ...checkNamedClients(config),
    ...clients.flatMap(client => [
      ...(client.oauth ? checkOAuth(client, client.oauth, config) : []),
      ...checkAttributes(client, config),
      ...checkRotation(client),
    ]),
    ...checkResourceServers(config),
  ];
}

function checkNamedClients(config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const client of config.appClients) {
    const path = `${client.path}.name`;
    if (isToken(client.name)) {
      findings.push(problem(path, 'cannot be a token: it names the client\'s logical ID, so it must be known at synth time'));
      continue;
    }
    if (!CLIENT_NAME.test(client.name)) {
      findings.push(problem(path, `must be 1 to 128 letters, digits, spaces or + = , . @ - _ (Cognito's ClientName), got ${JSON.stringify(client.name)}`));
    }
    if (seen.has(client.name)) findings.push(problem(path, `"${client.name}" is already the name of another app client`));
    seen.add(client.name);
    findings.push(
      ...checkValidity(`${client.path}.accessTokenValidity`, client.accessTokenValidity, Duration.minutes(5), Duration.days(1)),
      ...checkValidity(`${client.path}.idTokenValidity`, client.idTokenValidity, Duration.minutes(5), Duration.days(1)),
      ...checkValidity(`${client.path}.refreshTokenValidity`, client.refreshTokenValidity, Duration.minutes(60), Duration.days(3650)),
    );
  }
  return findings;
}

function checkOAuth(client: ListedClient, oauth: ResolvedOAuth, config: ResolvedAuthConfig): Finding[] {
  const at = `${client.path}.oauth`;
  const findings: Finding[] = [];
  if (!config.domain) {
    findings.push(problem(at, 'OAuth needs the user pool domain (its authorization and token endpoints), and there is none',
      'set domain: { cognitoPrefix: \'my-app\' }'));
  }
  findings.push(...checkGrants(client, oauth, at));
  findings.push(...checkUrls(`${at}.callbackUrls`, oauth.callbackUrls), ...checkUrls(`${at}.logoutUrls`, oauth.logoutUrls));
  if (oauth.hostedSignIn && oauth.callbackUrls.length === 0) {
    findings.push(problem(`${at}.callbackUrls`, 'are required for the authorization code and implicit grants (where Cognito sends users after sign-in)',
      'give callbackUrls: [\'https://app.example.com/\'] (http://localhost is allowed for development)'));
  }
  const redirect = oauth.defaultRedirectUri;
  if (redirect !== undefined && !isToken(redirect) && !oauth.callbackUrls.includes(redirect)) {
    findings.push(problem(`${at}.defaultRedirectUri`, `${JSON.stringify(redirect)} must be one of callbackUrls`));
  }
  findings.push(...checkScopes(at, oauth, config), ...checkProviders(at, oauth, config));
  return findings;
}

function checkGrants(client: ListedClient, oauth: ResolvedOAuth, at: string): Finding[] {
  const findings: Finding[] = [];
  if (!oauth.authorizationCodeGrant && !oauth.implicitGrant && !oauth.clientCredentials) {
    findings.push(problem(at, 'allows no grant', 'leave authorizationCodeGrant at its default (true), or set clientCredentials: true for machine-to-machine'));
  }
  if (oauth.clientCredentials && oauth.hostedSignIn) {
    findings.push(problem(`${at}.clientCredentials`, 'cannot be combined with the authorization code or implicit grant on one client (Cognito refuses it)',
      'give the machine-to-machine job its own entry in appClients'));
  }
  if (oauth.clientCredentials && !client.generateSecret) {
    findings.push(problem(`${at}.clientCredentials`, 'needs a confidential client: the client credentials grant authenticates with the client secret',
      client.path === 'client'
        ? 'the default client is public (no secret); add an appClients entry with generateSecret: true'
        : `set ${client.path}.generateSecret: true`));
  }
  if (oauth.implicitGrant && oauth.authorizationCodeGrant) {
    findings.push(problem(`${at}.implicitGrant`, 'cannot be combined with the authorization code grant: a client that also answers response_type=token lets an attacker skip PKCE',
      'keep the authorization code grant with PKCE (the default) and remove implicitGrant, or set authorizationCodeGrant: false'));
  } else if (oauth.implicitGrant) {
    findings.push(warning('implicit-grant', `${at}.implicitGrant`,
      `${at}.implicitGrant is on: Cognito returns tokens in the redirect URL, where browser history, logs and referrers can expose them, and there is no refresh token. `
      + 'Prefer the authorization code grant with PKCE (Amplify\'s signInWithRedirect uses it).'));
  }
  return findings;
}

/** https, http only for localhost, or an app scheme; absolute, no fragment (RFC 6749 3.1.2, and Cognito's rule). */
function checkUrls(at: string, urls: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  if (urls.length > MAX_URLS) findings.push(problem(at, `may hold at most ${MAX_URLS} URLs (Cognito's limit), got ${urls.length}`));
  const seen = new Set<string>();
  urls.forEach((url, i) => {
    const path = `${at}[${i}]`;
    if (isToken(url)) {
      findings.push(checkedAtDeploy(path, 'its form (https or http://localhost, no fragment)'));
      return;
    }
    if (seen.has(url)) findings.push(problem(path, `${JSON.stringify(url)} is listed twice`));
    seen.add(url);
    if (url.length > MAX_URL_LENGTH) findings.push(problem(path, `must be at most ${MAX_URL_LENGTH} characters, got ${url.length}`));
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      findings.push(problem(path, `must be an absolute URL, got ${JSON.stringify(url)}`));
      return;
    }
    if (url.includes('#')) findings.push(problem(path, `must not contain a fragment (#), got ${JSON.stringify(url)}`));
    if (parsed.protocol === 'http:' && parsed.hostname !== 'localhost') {
      findings.push(problem(path, `must use https (http is allowed only for http://localhost), got ${JSON.stringify(url)}`));
    }
  });
  return findings;
}

function checkScopes(at: string, oauth: ResolvedOAuth, config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const serverScopes = config.resourceServers.flatMap(s => s.scopes.map(scope => `${s.identifier}/${scope.name}`));
  const known = [...STANDARD_SCOPES, ...serverScopes];
  if (oauth.scopes.length > MAX_SCOPES) findings.push(problem(`${at}.scopes`, `may hold at most ${MAX_SCOPES} scopes, got ${oauth.scopes.length}`));
  oauth.scopes.forEach((scope, i) => {
    if (isToken(scope) || known.includes(scope)) return;
    const guess = closest(scope, known);
    findings.push(problem(`${at}.scopes[${i}]`, `"${scope}" is neither a standard scope nor a scope of a resource server in resourceServers`,
      guess ? `did you mean "${guess}"?` : `known scopes: ${known.join(', ')}`));
  });
  if (oauth.clientCredentials) {
    const standard = oauth.scopes.filter(s => STANDARD_SCOPES.includes(s));
    if (standard.length > 0) {
      findings.push(problem(`${at}.scopes`, `the client credentials grant takes resource server scopes only, not ${standard.join(', ')}`));
    }
    if (oauth.scopes.length === 0) {
      findings.push(problem(`${at}.scopes`, 'the client credentials grant needs at least one resource server scope',
        'define resourceServers: [{ identifier: \'api\', scopes: [{ name: \'read\', description: \'...\' }] }] and give scopes: [\'api/read\']'));
    }
  }
  const needOpenid = oauth.scopes.filter(s => ['email', 'phone', 'profile'].includes(s));
  if (needOpenid.length > 0 && !oauth.scopes.includes('openid')) {
    findings.push(problem(`${at}.scopes`, `${needOpenid.join(', ')} need${needOpenid.length === 1 ? 's' : ''} the openid scope too (Cognito issues those claims in the ID token)`,
      'add "openid"'));
  }
  return findings;
}

function checkProviders(at: string, oauth: ResolvedOAuth, config: ResolvedAuthConfig): Finding[] {
  if (!oauth.hostedSignIn) return [];
  const known = [COGNITO_PROVIDER, ...config.externalProviders.map(p => p.providerName)];
  const findings: Finding[] = [];
  if (oauth.identityProviders.length === 0) {
    findings.push(problem(`${at}.identityProviders`, 'offers no way to sign in', `list at least one of ${known.join(', ')}`));
  }
  oauth.identityProviders.forEach((name, i) => {
    if (isToken(name) || known.includes(name)) return;
    const guess = closest(name, known);
    findings.push(problem(`${at}.identityProviders[${i}]`, `"${name}" is not COGNITO or a configured external provider`,
      guess ? `did you mean "${guess}"?` : `configured: ${known.join(', ')}`));
  });
  return findings;
}

/** Read and write permissions name real attributes; a client must be able to write what its providers map. */
function checkAttributes(client: ListedClient, config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const custom = Object.keys(config.customAttributes ?? {}).map(name => `custom:${name}`);
  const known = [...Object.values(STANDARD_ATTRIBUTE_WIRE_NAMES), ...custom];
  for (const kind of ['readAttributes', 'writeAttributes'] as const) {
    (client[kind] ?? []).forEach((name, i) => {
      if (isToken(name) || known.includes(name)) return;
      const guess = closest(name, known);
      findings.push(problem(`${client.path}.${kind}[${i}]`, `"${name}" is not a user pool attribute`,
        guess ? `did you mean "${guess}"? (attribute names as Cognito writes them: given_name, custom:tenant)` : undefined));
    });
  }
  const writable = client.writeAttributes;
  if (writable && client.oauth?.hostedSignIn) {
    const offered = config.externalProviders.filter(p => client.oauth!.identityProviders.includes(p.providerName));
    for (const provider of offered) {
      for (const [attribute, path] of provider.mappedAttributes) {
        if (!writable.includes(attribute)) {
          findings.push(problem(`${client.path}.writeAttributes`, `leaves out ${attribute}, which ${path} maps: Cognito writes mapped attributes through the client at every sign-in with ${provider.providerName}, and sign-in fails`,
            `add "${attribute}"`));
        }
      }
    }
  }
  return findings;
}

function checkRotation(client: ListedClient): Finding[] {
  const period = client.refreshTokenRotation?.retryGracePeriod;
  if (!period) return [];
  const at = `${client.path}.refreshTokenRotation.retryGracePeriod`;
  if (period.isUnresolved()) return [checkedAtDeploy(at, 'its range (0 to 60 seconds)')];
  const seconds = period.toSeconds({ integral: false });
  return seconds < 0 || seconds > 60 || !Number.isInteger(seconds)
    ? [problem(at, `must be 0 to 60 whole seconds, got ${period.toHumanString()}`)]
    : [];
}

function checkResourceServers(config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const ids = new Set<string>();
  config.resourceServers.forEach((server, i) => {
    const at = `resourceServers[${i}]`;
    if (isToken(server.identifier)) {
      findings.push(problem(`${at}.identifier`, 'cannot be a token: clients name its scopes, and it names the resource server\'s logical ID'));
      return;
    }
    if (!RESOURCE_SERVER_ID.test(server.identifier)) findings.push(problem(`${at}.identifier`, `must be 1 to 256 printable characters, got ${JSON.stringify(server.identifier)}`));
    if (ids.has(server.identifier)) findings.push(problem(`${at}.identifier`, `"${server.identifier}" is already the identifier of another resource server`));
    ids.add(server.identifier);
    if (!isToken(server.name) && (server.name.length < 1 || server.name.length > 256)) findings.push(problem(`${at}.name`, 'must be 1 to 256 characters'));
    if (server.scopes.length === 0 || server.scopes.length > MAX_SERVER_SCOPES) {
      findings.push(problem(`${at}.scopes`, `must hold 1 to ${MAX_SERVER_SCOPES} scopes, got ${server.scopes.length}`));
    }
    const names = new Set<string>();
    server.scopes.forEach((scope, j) => {
      const path = `${at}.scopes[${j}]`;
      if (!SCOPE_NAME.test(scope.name)) findings.push(problem(`${path}.name`, `must be 1 to 256 characters without spaces, " / or \\, got ${JSON.stringify(scope.name)}`));
      if (names.has(scope.name)) findings.push(problem(`${path}.name`, `"${scope.name}" is listed twice`));
      names.add(scope.name);
      if (!isToken(scope.description) && (scope.description.length < 1 || scope.description.length > 256)) {
        findings.push(problem(`${path}.description`, `must be 1 to 256 characters, got ${scope.description.length}`));
      }
    });
  });
  return findings;
}
