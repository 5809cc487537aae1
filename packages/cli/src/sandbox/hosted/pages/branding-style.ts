import { html, Html } from './html';
import { BrandingConfig, BrandingImage, BrandingPalette } from '../../core/pool-config';

/** CSS variables of the stylesheet (layout.ts) each palette entry sets. */
const VARIABLES: Record<keyof BrandingPalette, string> = {
  primaryButton: '--primary',
  primaryButtonText: '--primary-text',
  primaryButtonHover: '--primary-hover',
  primaryButtonHoverText: '--primary-hover-text',
  secondaryButton: '--secondary',
  secondaryButtonBorder: '--secondary-border',
  secondaryButtonText: '--secondary-text',
  pageBackground: '--page',
  formBackground: '--form',
  formBorder: '--form-border',
  heading: '--heading',
  body: '--text',
  description: '--muted',
  link: '--link',
  linkHover: '--link-hover',
  inputBackground: '--input',
  inputBorder: '--border',
  inputLabel: '--label',
  inputDescription: '--hint',
  focus: '--focus',
  errorBackground: '--error-bg',
  errorBorder: '--danger',
  divider: '--divider',
  headerBackground: '--header',
  headerBorder: '--header-border',
};

/** Cognito's default dark look (its default style's darkMode values), for DARK and DYNAMIC styles. */
const COGNITO_DARK: BrandingPalette = {
  primaryButton: '#539fe5ff',
  primaryButtonText: '#000716ff',
  primaryButtonHover: '#89bdeeff',
  primaryButtonHoverText: '#000716ff',
  secondaryButton: '#0f1b2aff',
  secondaryButtonBorder: '#539fe5ff',
  secondaryButtonText: '#539fe5ff',
  pageBackground: '#0f1b2aff',
  formBackground: '#0f1b2aff',
  formBorder: '#424650ff',
  heading: '#d1d5dbff',
  body: '#b6bec9ff',
  description: '#b6bec9ff',
  link: '#539fe5ff',
  linkHover: '#89bdeeff',
  inputBackground: '#0f1b2aff',
  inputBorder: '#5f6b7aff',
  inputLabel: '#d1d5dbff',
  inputDescription: '#8d99a8ff',
  focus: '#539fe5ff',
  errorBackground: '#1a0000ff',
  errorBorder: '#eb6f6fff',
  divider: '#232b37ff',
  headerBackground: '#0f141aff',
  headerBorder: '#424650ff',
};

type Mode = 'light' | 'dark';

/** The branding's image of a category for a display mode (an image for DYNAMIC serves both). */
export function brandImage(b: BrandingConfig, category: string, mode: Mode): string | undefined {
  const want = mode === 'light' ? 'LIGHT' : 'DARK';
  const of = (m: BrandingImage['colorMode']) => b.images.find(i => i.category === category && i.colorMode === m)?.url;
  return of(want) ?? of('DYNAMIC');
}

/** The display modes a style shows: one, or both by the browser's preference. */
const modesOf = (b: BrandingConfig): Mode[] => (b.colorScheme === 'DYNAMIC' ? ['light', 'dark'] : [b.colorScheme === 'DARK' ? 'dark' : 'light']);

/**
 * `compute` once per style: a style is fixed until the template is read again (a reload makes a new
 * object), so pages reuse its CSS and links instead of rebuilding them, images included, per request.
 */
function perStyle<T>(compute: (b: BrandingConfig) => T): (b: BrandingConfig) => T {
  const computed = new WeakMap<BrandingConfig, T>();
  return b => {
    if (!computed.has(b)) computed.set(b, compute(b));
    return computed.get(b)!;
  };
}

/**
 * The style's CSS, put after the stylesheet in a nonce'd style element. Every value in it was
 * checked when the template was read (hex colors, numbers, base64 `data:` URLs), so it cannot end
 * the rule or the element; images are `data:` URLs, which the pages' CSP allows as img-src only.
 */
export function brandingCss(b: BrandingConfig | undefined): string {
  return !b || b.cognitoDefaults ? '' : styleCss(b);
}

const styleCss = perStyle(b => {
  const rules = (mode: Mode) => {
    const palette = mode === 'dark' ? { ...COGNITO_DARK, ...b.dark } : b.light;
    const vars = Object.entries(palette).map(([k, v]) => `${VARIABLES[k as keyof BrandingPalette]}: ${v};`);
    const background = b.pageBackgroundImage ? brandImage(b, 'PAGE_BACKGROUND', mode) : undefined;
    // A header background of the style's own needs the heading color on it, not the sandbox bar's white.
    const header = palette.headerBackground ? ' header { color: var(--heading); }' : '';
    return `:root { ${vars.join(' ')} }${header}${background ? ` body { background-image: url(${background}); background-size: cover; background-position: center; background-attachment: fixed; }` : ''}`;
  };
  const [first, second] = modesOf(b);
  const radius = [
    b.radius.button !== undefined ? `--radius-button: ${b.radius.button}px;` : '',
    b.radius.input !== undefined ? `--radius-input: ${b.radius.input}px;` : '',
    b.radius.form !== undefined ? `--radius-form: ${b.radius.form}px;` : '',
  ].join(' ').trim();
  // categories.form.location: the form's place on the page (the header and footer stay where they are).
  const align = { START: 'flex-start', CENTER: 'center', END: 'flex-end' };
  const vertical = { START: 'margin-bottom: auto;', CENTER: 'margin-top: auto; margin-bottom: auto;', END: 'margin-top: auto;' };
  const location = `main { align-self: ${align[b.formLocation.horizontal]}; ${vertical[b.formLocation.vertical]} }`;
  return [
    rules(first),
    second ? `@media (prefers-color-scheme: dark) { ${rules(second)} }` : '',
    radius ? `:root { ${radius} }` : '',
    location,
  ].filter(Boolean).join('\n');
});

/** An image of the style for the page's mode(s): a picture that switches with the browser's preference for DYNAMIC styles. */
function modeImage(b: BrandingConfig, category: string, cls: string, alt: string): Html | '' {
  const [first, second] = modesOf(b);
  const main = brandImage(b, category, first);
  if (!main) return '';
  const dark = second ? brandImage(b, category, second) : undefined;
  const img = html`<img class="${cls}" alt="${alt}" src="${main}">`;
  return dark && dark !== main ? html`<picture><source media="(prefers-color-scheme: dark)" srcset="${dark}">${img}</picture>` : img;
}

export const formLogo = (b: BrandingConfig | undefined, alt: string) => (b && !b.cognitoDefaults && b.formLogo ? modeImage(b, 'FORM_LOGO', 'logo', alt) : '');

export const headerLogo = (b: BrandingConfig | undefined, alt: string) => (b && !b.cognitoDefaults && b.headerLogo ? modeImage(b, 'PAGE_HEADER_LOGO', 'header-logo', alt) : '');

/** Favicon links for the types the style enables (components.favicon.enabledTypes). */
export function favicons(b: BrandingConfig | undefined): Html[] {
  return !b || b.cognitoDefaults ? [] : styleFavicons(b);
}

const styleFavicons = perStyle(b => {
  const mode = modesOf(b)[0];
  const links: Html[] = [];
  const svg = b.faviconTypes.includes('SVG') ? brandImage(b, 'FAVICON_SVG', mode) : undefined;
  const ico = b.faviconTypes.includes('ICO') ? brandImage(b, 'FAVICON_ICO', mode) : undefined;
  if (svg) links.push(html`<link rel="icon" type="image/svg+xml" href="${svg}">`);
  if (ico) links.push(html`<link rel="icon" type="image/x-icon" href="${ico}">`);
  return links;
});
