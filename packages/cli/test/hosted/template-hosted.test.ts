import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { FormClient } from './form-client';
import { API_IDENTIFIER, CALLBACK_URL, LOGOUT_URL, synthHostedStack } from './hosted-stack';
import { authorizeUrl, startHosted } from './support';
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

  test('branding: hex colors and the form logo are taken, anything else is dropped', () => {
    expect(byName('branded').oauth.branding).toEqual({
      colors: { primary: '#8a2be2ff', pageBackground: undefined, formBackground: undefined },
      logo: `data:image/png;base64,${PIXEL_PNG}`,
    });
    expect(byName('web').oauth.branding).toEqual({ colors: {}, logo: undefined });
  });

  test('the branded client\'s pages show its color and logo', async () => {
    const h = await startHosted({ mfa: cognito.Mfa.OFF }, branded);
    try {
      const client = h.sandbox.userPools[0].clients.find(c => c.name === 'branded')!;
      const page = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, { client_id: client.id }));
      expect(page.html).toContain('--primary: #8a2be2ff;');
      expect(page.html).toContain(`<img class="logo" alt="" src="data:image/png;base64,${PIXEL_PNG}">`);
      expect(page.html).not.toContain('evil.example');
    } finally {
      await h.stop();
    }
  });
});
