import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { FormClient } from './form-client';
import { API_IDENTIFIER, CALLBACK_URL, LOGOUT_URL, synthHostedStack } from './hosted-stack';
import { authorizeUrl, startHosted } from './support';
import { brandingFrom } from '../../src/sandbox/template/template-hosted';
import { readResources } from '../../src/sandbox/template/template-reader';

const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function branded(stack: Stack, pool: cognito.UserPool) {
  const client = pool.addClient('Branded', { userPoolClientName: 'branded', oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: [CALLBACK_URL] } });
  new cognito.CfnManagedLoginBranding(stack, 'BrandedLook', {
    userPoolId: pool.userPoolId,
    clientId: client.userPoolClientId,
    settings: {
      components: {
        primaryButton: { lightMode: { defaults: { backgroundColor: '8a2be2ff' } } },
        pageBackground: { lightMode: { color: 'red; background: url(https://evil.example/)' } },
      },
    },
    assets: [{ category: 'FORM_LOGO', colorMode: 'LIGHT', extension: 'PNG', bytes: PIXEL_PNG }],
  });
}

describe('the OAuth front door read from an aws-cdk-lib template', () => {
  const { pools, clients } = readResources([{ stackName: 'HostedTest', template: synthHostedStack({}, branded) as any }], 'us-east-1');
  const byName = (name: string) => clients.find(c => c.name === name)!;

  test('domain, managed login version, resource server and providers of the pool', () => {
    expect(pools).toHaveLength(1);
    expect(pools[0].hosted).toEqual({
      domains: ['sandbox-shop'],
      managedLoginVersion: 2,
      resourceServers: [{ identifier: API_IDENTIFIER, name: 'Orders API', scopes: ['orders.read'] }],
      identityProviders: [
        { name: 'Google', type: 'Google', attributeMapping: { email: 'email', given_name: 'given_name' }, identifiers: [] },
        { name: 'CorpIdP', type: 'OIDC', attributeMapping: { email: 'mail' }, identifiers: [] },
        { name: 'CorpSaml', type: 'SAML', attributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' }, identifiers: [] },
      ],
    });
  });

  test('each client\'s OAuth settings, with resource server scopes resolved from Ref', () => {
    expect(byName('web').oauth).toMatchObject({
      enabled: true,
      flows: ['code'],
      scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      callbackUrls: [CALLBACK_URL],
      logoutUrls: [LOGOUT_URL],
      identityProviders: ['COGNITO', 'Google', 'CorpIdP', 'CorpSaml'],
    });
    expect(byName('m2m').oauth).toMatchObject({ flows: ['client_credentials'], scopes: [`${API_IDENTIFIER}/orders.read`] });
    expect(byName('m2m').hasSecret).toBe(true);
  });

  test('branding: hex colors and the images are taken, anything else is dropped', () => {
    expect(byName('branded').oauth.branding).toMatchObject({
      cognitoDefaults: false,
      colorScheme: 'LIGHT',
      light: { primaryButton: '#8a2be2ff' },
      dark: {},
      formLogo: true,
      images: [{ category: 'FORM_LOGO', colorMode: 'LIGHT', url: `data:image/png;base64,${PIXEL_PNG}` }],
    });
    expect(byName('branded').oauth.branding!.light.pageBackground).toBeUndefined();
    // UseCognitoProvidedValues: Cognito's own look, whatever else the resource holds.
    expect(byName('web').oauth.branding).toMatchObject({ cognitoDefaults: true, light: {}, dark: {}, images: [] });
  });

  test('branding: the editor\'s Settings document read, with its checks', () => {
    const style = brandingFrom({
      UseCognitoProvidedValues: false,
      Settings: {
        categories: { global: { colorSchemeMode: 'DYNAMIC', pageHeader: { enabled: true } }, form: { location: { horizontal: 'START', vertical: 'TOP' } } },
        componentClasses: {
          buttons: { borderRadius: 4.0 },
          input: { borderRadius: 'x', lightMode: { defaults: { backgroundColor: 'fafafaff', borderColor: '7d8998' } } },
          link: { lightMode: { defaults: { textColor: '#123456' } } },
        },
        components: {
          primaryButton: { lightMode: { defaults: { backgroundColor: '8A2BE2FF', textColor: 'ffffffff' } }, darkMode: { defaults: { backgroundColor: '00ff00ff' } } },
          pageBackground: { lightMode: { color: 'ffeeddff' }, image: { enabled: false } },
          form: { borderRadius: 12, logo: { enabled: false }, lightMode: { backgroundColor: 'url(x)' } },
          favicon: { enabledTypes: ['SVG'] },
        },
      },
      Assets: [
        { Category: 'PAGE_BACKGROUND', ColorMode: 'DARK', Extension: 'PNG', Bytes: PIXEL_PNG },
        { Category: 'FAVICON_SVG', ColorMode: 'DYNAMIC', Extension: 'SVG', Bytes: 'not base64!' },
        { Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'EXE', Bytes: PIXEL_PNG },
      ],
    });
    expect(style).toEqual({
      cognitoDefaults: false,
      colorScheme: 'DYNAMIC',
      light: {
        primaryButton: '#8a2be2ff',
        primaryButtonText: '#ffffffff',
        pageBackground: '#ffeeddff',
        inputBackground: '#fafafaff',
        inputBorder: '#7d8998',
        link: '#123456',
      },
      dark: { primaryButton: '#00ff00ff' },
      radius: { button: 4, form: 12 },
      formLogo: false,
      headerLogo: true,
      pageBackgroundImage: false,
      faviconTypes: ['SVG'],
      formLocation: { horizontal: 'START', vertical: 'START' },
      images: [{ category: 'PAGE_BACKGROUND', colorMode: 'DARK', url: `data:image/png;base64,${PIXEL_PNG}` }],
    });
  });

  test('the branded client\'s pages show its color and logo', async () => {
    const h = await startHosted({ mfa: cognito.Mfa.OFF }, branded);
    try {
      const client = h.sandbox.userPools[0].clients.find(c => c.name === 'branded')!;
      const page = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, { client_id: client.id }));
      expect(page.html).toContain('--primary: #8a2be2ff;');
      expect(page.html).toContain(`<img class="logo" alt="branded" src="data:image/png;base64,${PIXEL_PNG}">`);
      expect(page.html).not.toContain('evil.example');
    } finally {
      await h.stop();
    }
  });
});
