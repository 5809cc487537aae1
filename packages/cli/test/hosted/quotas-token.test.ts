/**
 * Quota mode at /oauth2/token: client_credentials counts toward ClientAuthentication, a refresh
 * toward UserAuthentication; beyond the rate within one second of the sandbox's clock the endpoint
 * answers 429 with an OAuth error body (the sandbox's choice: Cognito does not document it).
 */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { basic, HostedHarness, startHosted, tokenRequest } from './support';

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
