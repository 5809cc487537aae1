import { BrandingConfig, ClientOAuthConfig, HostedPoolConfig, IdentityProviderConfig } from '../core/pool-config';

/**
 * Reads a pool's OAuth 2.0 front door from resolved CloudFormation properties: its domains
 * (AWS::Cognito::UserPoolDomain), resource servers, external identity providers, and per client
 * the OAuth settings and managed login branding. Resources are matched to a pool by UserPoolId.
 */
export function hostedPoolFrom(poolId: string, resources: HostedResource[]): HostedPoolConfig {
  const of = (type: string) => resources.filter(r => r.type === type && r.props.UserPoolId === poolId).map(r => r.props);
  const domains = of('AWS::Cognito::UserPoolDomain');
  return {
    domains: domains.map(d => String(d.Domain)).filter(Boolean),
    managedLoginVersion: Math.max(1, ...domains.map(d => Number(d.ManagedLoginVersion ?? 1))),
    resourceServers: of('AWS::Cognito::UserPoolResourceServer').map(r => ({
      identifier: String(r.Identifier),
      name: String(r.Name ?? r.Identifier),
      scopes: (r.Scopes ?? []).map((s: any) => String(s.ScopeName)),
    })),
    identityProviders: of('AWS::Cognito::UserPoolIdentityProvider').map(providerFrom),
  };
}

/** A resource with its properties already resolved against the sandbox's IDs. */
export interface HostedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly props: Record<string, any>;
}

function providerFrom(p: Record<string, any>): IdentityProviderConfig {
  const mapping: Record<string, string> = {};
  for (const [attr, source] of Object.entries(p.AttributeMapping ?? {})) mapping[attr] = String(source);
  return {
    name: String(p.ProviderName),
    type: String(p.ProviderType),
    attributeMapping: mapping,
    identifiers: (p.IdpIdentifiers ?? []).map(String),
  };
}

/** AllowedOAuthFlows and friends; an absent list is empty, as in Cognito. */
export function clientOAuthFrom(clientId: string, p: Record<string, any>, resources: HostedResource[]): ClientOAuthConfig {
  const list = (value: unknown) => (Array.isArray(value) ? value : []).map(String).filter(Boolean);
  const branding = resources.find(r => r.type === 'AWS::Cognito::ManagedLoginBranding' && r.props.ClientId === clientId);
  return {
    enabled: p.AllowedOAuthFlowsUserPoolClient === true || p.AllowedOAuthFlowsUserPoolClient === 'true',
    flows: list(p.AllowedOAuthFlows),
    scopes: list(p.AllowedOAuthScopes),
    callbackUrls: list(p.CallbackURLs),
    logoutUrls: list(p.LogoutURLs),
    defaultRedirectUri: p.DefaultRedirectURI ? String(p.DefaultRedirectURI) : undefined,
    identityProviders: list(p.SupportedIdentityProviders),
    branding: branding ? brandingFrom(branding.props) : undefined,
  };
}

/**
 * The few managed login branding values the sandbox pages show: the primary button, page and form
 * colors of the light mode (Settings is the JSON document the branding editor writes), and the
 * form logo. UseCognitoProvidedValues, or anything not given, keeps the default look.
 */
function brandingFrom(p: Record<string, any>): BrandingConfig {
  const settings = typeof p.Settings === 'string' ? safeJson(p.Settings) : p.Settings ?? {};
  const components = settings?.components ?? {};
  const color = (value: unknown) => (typeof value === 'string' && /^#?[0-9a-fA-F]{3,8}$/.test(value) ? (value.startsWith('#') ? value : `#${value}`) : undefined);
  const logo = (p.Assets ?? []).find((a: any) => a?.Category === 'FORM_LOGO' && typeof a.Bytes === 'string');
  const mime: Record<string, string> = { PNG: 'image/png', JPG: 'image/jpeg', JPEG: 'image/jpeg', SVG: 'image/svg+xml', ICO: 'image/x-icon', WEBP: 'image/webp' };
  return {
    colors: {
      primary: color(components.primaryButton?.lightMode?.defaults?.backgroundColor),
      pageBackground: color(components.pageBackground?.lightMode?.color),
      formBackground: color(components.form?.lightMode?.backgroundColor),
    },
    logo: logo && mime[String(logo.Extension).toUpperCase()] ? `data:${mime[String(logo.Extension).toUpperCase()]};base64,${logo.Bytes}` : undefined,
  };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
