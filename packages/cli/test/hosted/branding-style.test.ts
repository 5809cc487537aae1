import { BrandingConfig } from '../../src/sandbox/core/pool-config';
import { brandingCss, favicons, formLogo, headerLogo } from '../../src/sandbox/hosted/pages/branding-style';
import { brandingFrom } from '../../src/sandbox/template/template-hosted';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');

const style = (settings: object, assets: object[] = []): BrandingConfig =>
  brandingFrom({ UseCognitoProvidedValues: false, Settings: settings, Assets: assets });
const text = (h: unknown) => (Array.isArray(h) ? h.map(String).join('') : String(h));

describe('managed login branding as the pages render it', () => {
  test('Cognito\'s values: no style, no images', () => {
    const b = brandingFrom({ UseCognitoProvidedValues: true, Settings: { components: { primaryButton: { lightMode: { defaults: { backgroundColor: '112233ff' } } } } } });
    expect(brandingCss(b)).toBe('');
    expect(text(formLogo(b, 'app'))).toBe('');
    expect(favicons(b)).toEqual([]);
  });

  test('LIGHT: the light colors, radii and form place; a page background image unless turned off', () => {
    const b = style({
      categories: { form: { location: { horizontal: 'END', vertical: 'TOP' } } },
      componentClasses: { buttons: { borderRadius: 4 } },
      components: { primaryButton: { lightMode: { defaults: { backgroundColor: '1d8102ff' } }, darkMode: { defaults: { backgroundColor: '00ff00ff' } } } },
    }, [{ Category: 'PAGE_BACKGROUND', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG }]);
    const css = brandingCss(b);
    expect(css).toContain(':root { --primary: #1d8102ff; }');
    expect(css).toContain(`body { background-image: url(data:image/png;base64,${PNG});`);
    expect(css).toContain('--radius-button: 4px;');
    expect(css).toContain('main { align-self: flex-end; margin-bottom: auto; }');
    expect(css).not.toContain('#00ff00ff');
    expect(css).not.toContain('prefers-color-scheme');
    const off = style({ components: { pageBackground: { image: { enabled: false } } } }, [{ Category: 'PAGE_BACKGROUND', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG }]);
    expect(brandingCss(off)).not.toContain('background-image');
  });

  test('DARK uses the dark colors over Cognito\'s default dark look; DYNAMIC switches with the browser\'s preference', () => {
    const settings = (mode: string) => ({
      categories: { global: { colorSchemeMode: mode } },
      components: { primaryButton: { lightMode: { defaults: { backgroundColor: '1d8102ff' } }, darkMode: { defaults: { backgroundColor: '00ff00ff' } } } },
    });
    const dark = brandingCss(style(settings('DARK')));
    expect(dark).toContain('--primary: #00ff00ff;');
    expect(dark).toContain('--page: #0f1b2aff;');
    expect(dark).not.toContain('#1d8102ff');
    const dynamic = brandingCss(style(settings('DYNAMIC')));
    expect(dynamic).toMatch(/^:root \{ --primary: #1d8102ff; \}\n@media \(prefers-color-scheme: dark\) \{ :root \{ [^}]*--primary: #00ff00ff;/);
  });

  test('logos and favicons: each mode\'s image, a picture for DYNAMIC styles, none when turned off', () => {
    const assets = [
      { Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG },
      { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'SVG', Bytes: SVG },
      { Category: 'PAGE_HEADER_LOGO', ColorMode: 'DYNAMIC', Extension: 'PNG', Bytes: PNG },
      { Category: 'FAVICON_ICO', ColorMode: 'DYNAMIC', Extension: 'ICO', Bytes: PNG },
      { Category: 'FAVICON_SVG', ColorMode: 'DYNAMIC', Extension: 'SVG', Bytes: SVG },
    ];
    const light = style({}, assets);
    expect(text(formLogo(light, 'Shop'))).toBe(`<img class="logo" alt="Shop" src="data:image/png;base64,${PNG}">`);
    expect(text(headerLogo(light, ''))).toBe(`<img class="header-logo" alt="" src="data:image/png;base64,${PNG}">`);
    expect(text(favicons(light))).toBe(`<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${SVG}"><link rel="icon" type="image/x-icon" href="data:image/x-icon;base64,${PNG}">`);
    const dynamic = style({ categories: { global: { colorSchemeMode: 'DYNAMIC' } } }, assets);
    expect(text(formLogo(dynamic, 'Shop'))).toBe(`<picture><source media="(prefers-color-scheme: dark)" srcset="data:image/svg+xml;base64,${SVG}"><img class="logo" alt="Shop" src="data:image/png;base64,${PNG}"></picture>`);
    const off = style({ components: { form: { logo: { enabled: false } }, favicon: { enabledTypes: ['ICO'] } }, categories: { global: { pageHeader: { enabled: false } } } }, assets);
    expect(text(formLogo(off, 'Shop'))).toBe('');
    expect(text(headerLogo(off, ''))).toBe('');
    expect(text(favicons(off))).toBe(`<link rel="icon" type="image/x-icon" href="data:image/x-icon;base64,${PNG}">`);
  });
});
