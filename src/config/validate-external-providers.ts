import { clientsOf } from './client-list';
import { checkedAtDeploy, Finding, problem } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { COGNITO_PROVIDER, ResolvedProvider, ResolvedSecret, SOCIAL_PROVIDER_NAMES, STANDARD_ATTRIBUTE_WIRE_NAMES } from './resolved-front-door';
import { closest } from './shape/closest';
import { isToken } from './tokens';
import { lazy } from '../lazy';

const PROVIDERS = 'loginWith.externalProviders';
// CreateIdentityProvider ProviderName: 1-32 characters of this pattern, which in effect needs 3.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
// Built on first use: a Unicode property class takes about half a millisecond to build (lazy.ts).
const PROVIDER_NAME = lazy(() => /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u);
// IdpIdentifiers: at most 50, each 1-40 characters of [\w\s+=.@-].
const IDENTIFIER = /^[\w\s+=.@-]{1,40}$/;
const RESERVED_NAMES = [COGNITO_PROVIDER, ...Object.values(SOCIAL_PROVIDER_NAMES)];

/** External identity providers: secrets, names, endpoints, attribute mapping, and what they need. */
export function validateExternalProviders(config: ResolvedAuthConfig): Finding[] {
  const providers = config.externalProviders;
  if (providers.length === 0) return [];
  const findings: Finding[] = [
    ...providers.flatMap(p => p.secrets.flatMap(checkSecret)),
    ...checkNames(providers),
    ...checkIdentifiers(providers),
    ...providers.flatMap(checkEndpoints),
    ...providers.flatMap(p => checkMapping(p, config)),
  ];
  if (!config.domain) {
    findings.push(problem(PROVIDERS, 'users reach external providers only through the user pool domain (managed login and the OAuth endpoints), and there is none',
      'set domain: { cognitoPrefix: \'my-app\' } or domain: { customDomain: { domainName, certificate } }'));
  }
  const offered = new Set(clientsOf(config).flatMap(c => c.oauth?.hostedSignIn ? c.oauth.identityProviders : []));
  for (const p of providers.filter(provider => !offered.has(provider.providerName))) {
    findings.push(problem(p.path, `no app client offers ${p.providerName}, so nobody can sign in with it`,
      `give client.oauth (callbackUrls: [...]) or list "${p.providerName}" in an app client's oauth.identityProviders`));
  }
  return findings;
}

/**
 * Secrets reach the template only as references. ssm-secure is refused because CloudFormation
 * resolves it only in the properties it lists, and ProviderDetails is not one:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html
 */
function checkSecret(secret: ResolvedSecret): Finding[] {
  const fix = 'store it in AWS Secrets Manager and pass SecretValue.secretsManager(\'<name or ARN>\', { jsonField: \'...\' }) or secret.secretValue';
  switch (secret.source) {
    case 'plain-text':
      return [problem(secret.path, 'would be written into the template in plain text (SecretValue.unsafePlainText, or a value that is not a secret reference)', fix)];
    case 'ssm-plain':
      return [problem(secret.path, 'comes from a plain-text SSM parameter (String, not SecureString), readable by anyone who may read parameters', fix)];
    case 'ssm-secure':
      return [problem(secret.path, 'is an ssm-secure reference, which CloudFormation does not resolve in AWS::Cognito::UserPoolIdentityProvider (the deployment fails)', fix)];
    default:
      return [];
  }
}

function checkNames(providers: readonly ResolvedProvider[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const p of providers.filter(provider => provider.kind === 'oidc' || provider.kind === 'saml')) {
    const path = `${p.path}.name`;
    const name = p.providerName;
    if (isToken(name)) {
      findings.push(checkedAtDeploy(path, 'the provider name rules (3 to 32 characters, unique)'));
      continue;
    }
    if (name.length < 3 || name.length > 32 || !PROVIDER_NAME().test(name)) {
      findings.push(problem(path, `must be 3 to 32 characters, not starting or ending with _ or a space (Cognito's ProviderName), got ${JSON.stringify(name)}`));
    }
    if (RESERVED_NAMES.some(r => r.toLowerCase() === name.toLowerCase())) {
      findings.push(problem(path, `"${name}" is the name of a built-in provider`, 'choose another name'));
    }
    const earlier = seen.get(name.toLowerCase());
    if (earlier) findings.push(problem(path, `"${name}" is already the name of ${earlier}`, 'provider names must be unique (ignoring case)'));
    seen.set(name.toLowerCase(), p.path);
  }
  return findings;
}

function checkIdentifiers(providers: readonly ResolvedProvider[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const p of providers) {
    if (p.identifiers.length > 50) findings.push(problem(`${p.path}.identifiers`, `may hold at most 50 identifiers, got ${p.identifiers.length}`));
    p.identifiers.forEach((id, i) => {
      const path = `${p.path}.identifiers[${i}]`;
      if (isToken(id)) return;
      if (!IDENTIFIER.test(id)) findings.push(problem(path, `must be 1 to 40 letters, digits, spaces or + = . @ - _, got ${JSON.stringify(id)}`));
      const earlier = seen.get(id.toLowerCase());
      if (earlier) findings.push(problem(path, `"${id}" is already an identifier of ${earlier}`, 'each identifier routes to one provider'));
      seen.set(id.toLowerCase(), p.path);
    });
  }
  return findings;
}

function checkEndpoints(p: ResolvedProvider): Finding[] {
  const findings: Finding[] = [];
  if (p.kind === 'oidc') {
    findings.push(...httpsUrl(`${p.path}.issuerUrl`, p.config.issuerUrl));
    for (const [key, url] of Object.entries(p.config.endpoints ?? {})) findings.push(...httpsUrl(`${p.path}.endpoints.${key}`, url));
    if (!p.scopes.some(s => isToken(s) || s === 'openid')) {
      findings.push(problem(`${p.path}.scopes`, 'must include "openid" (Cognito signs users in with the provider\'s ID token)'));
    }
  }
  if (p.kind === 'saml') {
    const { metadataUrl, metadataContent } = p.config;
    if ((metadataUrl === undefined) === (metadataContent === undefined)) {
      findings.push(problem(p.path, 'give exactly one of metadataUrl and metadataContent'));
    }
    if (metadataUrl !== undefined) findings.push(...httpsUrl(`${p.path}.metadataUrl`, metadataUrl));
  }
  return findings;
}

function httpsUrl(path: string, url: string): Finding[] {
  if (isToken(url)) return [];
  try {
    if (new URL(url).protocol === 'https:') return [];
  } catch {
    return [problem(path, `must be an absolute https URL, got ${JSON.stringify(url)}`)];
  }
  return [problem(path, `must use https, got ${JSON.stringify(url)}`)];
}

const KEY_BY_WIRE_NAME = new Map(Object.entries(STANDARD_ATTRIBUTE_WIRE_NAMES).map(([key, wire]) => [wire, key]));

/**
 * Mapped attributes must exist and be mutable (Cognito writes them at every federated sign-in), and
 * every required attribute must be mapped (or federated sign-up fails).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
 */
function checkMapping(p: ResolvedProvider, config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const standard = (config.userAttributes ?? {}) as Record<string, { required?: boolean; mutable?: boolean } | undefined>;
  const custom = config.customAttributes ?? {};
  for (const [attribute, path] of p.mappedAttributes) {
    if (attribute.startsWith('custom:')) {
      const definition = custom[attribute.slice('custom:'.length)];
      if (!definition) {
        findings.push(problem(path, `maps to ${attribute}, which is not in customAttributes`,
          `add customAttributes: { '${attribute.slice(7)}': new cognito.StringAttribute({ mutable: true }) }`));
      } else if (definition.bind().mutable !== true) {
        findings.push(problem(path, `maps to ${attribute}, which is immutable: Cognito updates mapped attributes at every federated sign-in, and sign-in fails`,
          'give the custom attribute mutable: true (it cannot change after the pool is created) or remove the mapping'));
      }
      continue;
    }
    const key = KEY_BY_WIRE_NAME.get(attribute);
    if (!key) {
      const guess = closest(attribute, [...KEY_BY_WIRE_NAME.keys()]);
      findings.push(problem(path, `maps to "${attribute}", which is not a user pool attribute`,
        `use a standard attribute${guess ? ` (did you mean ${guess}?)` : ''} or custom:<name> of a custom attribute`));
    } else if (standard[key]?.mutable === false) {
      findings.push(problem(path, `maps to ${attribute}, which userAttributes.${key} makes immutable: Cognito updates mapped attributes at every federated sign-in, and sign-in fails`,
        `set userAttributes.${key}.mutable: true (it cannot change after the pool is created) or remove the mapping`));
    }
  }
  for (const [key, attribute] of Object.entries(standard)) {
    const wire = STANDARD_ATTRIBUTE_WIRE_NAMES[key];
    if (attribute?.required && wire && !p.mappedAttributes.has(wire)) {
      findings.push(problem(`${p.path}.attributeMapping`, `does not map ${wire}, which userAttributes.${key} makes required, so sign-up through ${p.providerName} fails`,
        `map it, e.g. attributeMapping: { ${key}: cognito.ProviderAttribute.other('<the provider\\'s claim>') }`));
    }
  }
  return findings;
}
