import { BrandingConfig, BrandingImage, BrandingPalette, ClientOAuthConfig, HostedPoolConfig, IdentityProviderConfig } from '../core/pool-config';

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

/** Image types Cognito takes for branding assets (AssetType.Extension), as media types. */
const IMAGE_TYPES: Record<string, string> = { PNG: 'image/png', JPG: 'image/jpeg', JPEG: 'image/jpeg', SVG: 'image/svg+xml', ICO: 'image/x-icon', WEBP: 'image/webp' };

/**
 * A managed login branding style as the pages render it. Settings is the JSON document the branding
 * editor writes (categories, componentClasses, components); colors there are `rrggbbaa` hex. Every
 * value is checked here (hex colors, numbers, base64 image bytes, known enums) so the pages can put
 * it into CSS as it is; anything else is dropped and the default look stays. Where Settings says
 * nothing, the sandbox's choice is that an image the style has is shown (form logo, header logo, page
 * background, both favicon types) unless Settings turns it off: a designer who adds a logo sees it.
 */
export function brandingFrom(p: Record<string, any>): BrandingConfig {
  const settings = (typeof p.Settings === 'string' ? safeJson(p.Settings) : p.Settings) ?? {};
  const cognitoDefaults = p.UseCognitoProvidedValues === true || p.UseCognitoProvidedValues === 'true';
  // Cognito ignores Settings and Assets of a style with UseCognitoProvidedValues.
  const styled = cognitoDefaults ? {} : settings;
  const c = styled.components ?? {};
  const cc = styled.componentClasses ?? {};
  const global = styled.categories?.global ?? {};
  const location = styled.categories?.form?.location ?? {};
  const palette = (mode: 'lightMode' | 'darkMode'): BrandingPalette => definedOnly({
    primaryButton: color(c.primaryButton?.[mode]?.defaults?.backgroundColor),
    primaryButtonText: color(c.primaryButton?.[mode]?.defaults?.textColor),
    primaryButtonHover: color(c.primaryButton?.[mode]?.hover?.backgroundColor),
    primaryButtonHoverText: color(c.primaryButton?.[mode]?.hover?.textColor),
    secondaryButton: color(c.secondaryButton?.[mode]?.defaults?.backgroundColor),
    secondaryButtonBorder: color(c.secondaryButton?.[mode]?.defaults?.borderColor),
    secondaryButtonText: color(c.secondaryButton?.[mode]?.defaults?.textColor),
    pageBackground: color(c.pageBackground?.[mode]?.color),
    formBackground: color(c.form?.[mode]?.backgroundColor),
    formBorder: color(c.form?.[mode]?.borderColor),
    heading: color(c.pageText?.[mode]?.headingColor),
    body: color(c.pageText?.[mode]?.bodyColor),
    description: color(c.pageText?.[mode]?.descriptionColor),
    link: color(cc.link?.[mode]?.defaults?.textColor),
    linkHover: color(cc.link?.[mode]?.hover?.textColor),
    inputBackground: color(cc.input?.[mode]?.defaults?.backgroundColor),
    inputBorder: color(cc.input?.[mode]?.defaults?.borderColor),
    inputLabel: color(cc.inputLabel?.[mode]?.textColor),
    inputDescription: color(cc.inputDescription?.[mode]?.textColor),
    focus: color(cc.focusState?.[mode]?.borderColor),
    errorBackground: color(c.alert?.[mode]?.error?.backgroundColor),
    errorBorder: color(c.alert?.[mode]?.error?.borderColor),
    divider: color(cc.divider?.[mode]?.borderColor),
    headerBackground: color(c.pageHeader?.[mode]?.background?.color),
    headerBorder: color(c.pageHeader?.[mode]?.borderColor),
  });
  const scheme = String(global.colorSchemeMode ?? 'LIGHT').toUpperCase();
  return {
    cognitoDefaults,
    colorScheme: scheme === 'DARK' || scheme === 'DYNAMIC' ? scheme : 'LIGHT',
    light: palette('lightMode'),
    dark: palette('darkMode'),
    radius: definedOnly({ button: size(cc.buttons?.borderRadius), input: size(cc.input?.borderRadius), form: size(c.form?.borderRadius) }),
    formLogo: c.form?.logo?.enabled !== false,
    headerLogo: global.pageHeader?.enabled !== false && c.pageHeader?.logo?.enabled !== false,
    pageBackgroundImage: c.pageBackground?.image?.enabled !== false,
    faviconTypes: Array.isArray(c.favicon?.enabledTypes) ? c.favicon.enabledTypes.map((t: unknown) => String(t).toUpperCase()) : ['ICO', 'SVG'],
    formLocation: { horizontal: place(location.horizontal), vertical: place(location.vertical) },
    images: cognitoDefaults ? [] : imagesFrom(p.Assets),
  };
}

/** `rrggbbaa` (or `rrggbb`, with or without `#`) as CSS hex; anything else is not a color we pass on. */
function color(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const hex = value.replace(/^#/, '');
  return /^(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(hex) ? `#${hex.toLowerCase()}` : undefined;
}

/** A size in pixels between 0 and 100 (the editor's radii are 0-32). */
function size(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

/** A location value of the editor (START, CENTER, END; TOP and BOTTOM for the vertical one); others center. */
function place(value: unknown): 'START' | 'CENTER' | 'END' {
  const v = String(value ?? '').toUpperCase();
  if (v === 'START' || v === 'LEFT' || v === 'TOP') return 'START';
  if (v === 'END' || v === 'RIGHT' || v === 'BOTTOM') return 'END';
  return 'CENTER';
}

const imagesFrom = (assets: unknown): BrandingImage[] =>
  (Array.isArray(assets) ? assets : []).map(imageFrom).filter((i): i is BrandingImage => i !== undefined);

function imageFrom(a: any): BrandingImage | undefined {
  const type = IMAGE_TYPES[String(a?.Extension ?? '').toUpperCase()];
  const bytes = typeof a?.Bytes === 'string' ? a.Bytes.replace(/\s+/g, '') : '';
  const mode = String(a?.ColorMode ?? '').toUpperCase();
  if (!type || !bytes || !/^[A-Za-z0-9+/]+={0,2}$/.test(bytes) || !['LIGHT', 'DARK', 'DYNAMIC'].includes(mode)) return undefined;
  return { category: String(a.Category), colorMode: mode as BrandingImage['colorMode'], url: `data:${type};base64,${bytes}` };
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
