import { X509Certificate } from 'crypto';
import * as https from 'https';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { authorizeUrl, HostedHarness, startHosted } from './support';

/** An https GET that trusts the sandbox's certificate, as a developer's machine would once told to. */
function httpsGet(url: string, ca: string): Promise<{ status: number; headers: Record<string, any>; body: string }> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, res => {
      let body = '';
      res.on('data', chunk => body += chunk);
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe('https on the same port, for the URLs Amplify builds from oauth.domain', () => {
  let h: HostedHarness;
  beforeAll(async () => {
    h = await startHosted({ mfa: cognito.Mfa.OFF });
  });
  afterAll(() => h.stop());

  test('https://<amplifyDomain>/oauth2/authorize reaches the sign-in page; cookies are Secure there', async () => {
    const domain = h.sandbox.userPools[0].domains[0];
    expect(domain.amplifyDomain).toBe(`${new URL(h.sandbox.endpoint).host}/domains/sandbox-shop`);
    const query = new URL(authorizeUrl(h, { state: 's' })).search;
    // What Amplify's signInWithRedirect opens: `https://${domain}/oauth2/authorize?...`.
    const authorize = await httpsGet(`https://${domain.amplifyDomain}/oauth2/authorize${query}`, h.sandbox.tlsCertificate!);
    expect(authorize.status).toBe(302);
    const login = await httpsGet(new URL(authorize.headers.location, `https://${domain.amplifyDomain}/`).toString(), h.sandbox.tlsCertificate!);
    expect(login.status).toBe(200);
    expect(login.body).toContain('Sign in to your account');
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; Secure; SameSite=Lax|Secure; HttpOnly; SameSite=Lax|HttpOnly; SameSite=Lax; Secure/);
  });

  test('plain http keeps working on the same port, and the certificate names the loopback addresses', async () => {
    const discovery = await fetch(`${h.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const cert = new X509Certificate(h.sandbox.tlsCertificate!);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
  });
});
