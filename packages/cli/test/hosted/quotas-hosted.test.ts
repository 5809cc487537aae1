/**
 * Quota mode on the hosted endpoints: at /oauth2/token client_credentials counts toward
 * ClientAuthentication, and beyond the rate within one second of the sandbox's clock the endpoint
 * answers 429 with an OAuth error body; each managed login sign-in step counts toward
 * UserAuthentication, and a throttled step shows the form again with the reason (the sandbox's
 * choices: Cognito documents neither answer).
 */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { FormClient } from './form-client';
import { authorizeUrl, basic, callbackParams, HostedHarness, signUpThroughPages, startHosted, tokenRequest } from './support';

let h: HostedHarness;
afterEach(() => h.stop());

test('client_credentials past the ClientAuthentication rate answers 429 too_many_requests "Rate exceeded", then the next second admits again', async () => {
  h = await startHosted({ mfa: cognito.Mfa.OFF }, undefined, { quotas: { ClientAuthentication: 2 } });
  const m2m = h.client('m2m');
  const grant = () => tokenRequest(h, { grant_type: 'client_credentials' }, basic(m2m.id, m2m.secret!));
  expect((await grant()).status).toBe(200);
  expect((await grant()).status).toBe(200);
  expect(await grant()).toMatchObject({ status: 429, json: { error: 'too_many_requests', error_description: 'Rate exceeded' } });
  h.clock.advance(1000);
  expect((await grant()).status).toBe(200);
  // A grant refused before it is counted (unknown grant type) uses nothing.
  expect((await tokenRequest(h, { grant_type: 'password' }, basic(m2m.id, m2m.secret!))).status).toBe(400);
  expect(h.sandbox.quotaUsage).toEqual([{ category: 'ClientAuthentication', quota: 2, peakPerSecond: 3, calls: 4, throttled: 1 }]);
});

test('a managed login sign-in past the UserAuthentication rate shows the form again with the reason; the next second signs in', async () => {
  h = await startHosted({ mfa: cognito.Mfa.OFF }, undefined, { quotas: { UserAuthentication: 1 } });
  const password = 'Correct-Horse-42';
  await signUpThroughPages(h, new FormClient(h.sandbox.endpoint), 'ada@example.com', password); // UserCreation: 2 page steps
  const signIn = async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    return browser.submit(await browser.get(authorizeUrl(h, { prompt: 'login' })), { username: 'ada@example.com', password });
  };
  expect(callbackParams(await signIn()).code).toBeDefined();
  const throttled = await signIn();
  expect(throttled.status).toBe(400);
  expect(throttled.html).toContain('Too many requests. Wait a moment, then try again.');
  h.clock.advance(1000);
  expect(callbackParams(await signIn()).code).toBeDefined();
  expect(h.sandbox.quotaUsage).toEqual([
    { category: 'UserAuthentication', quota: 1, peakPerSecond: 2, calls: 3, throttled: 1 },
    { category: 'UserCreation', quota: 50, peakPerSecond: 2, calls: 2, throttled: 0 },
  ]);
});
