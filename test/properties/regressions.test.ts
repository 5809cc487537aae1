/**
 * Unit tests for bugs the property tests found: each config once made the construct throw something
 * other than an AuthConfigError naming the property.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Auth, AuthProps, MfaMode } from '../../src';
import { expectConfigError } from '../support/synth';

test('a JavaScript caller without loginWith gets an AuthConfigError, not a TypeError', () => {
  const props = { multifactor: { mode: MfaMode.OPTIONAL, sms: {} } } as unknown as AuthProps;
  expectConfigError(props, /loginWith is required/);
  expect(Auth.validateProps(props).join('\n')).toMatch(/loginWith/);
});

test('a temporary password validity that is not whole days is refused, naming the property', () => {
  expectConfigError({ loginWith: { email: {} }, passwordPolicy: { tempPasswordValidity: Duration.hours(25) } },
    /passwordPolicy\.tempPasswordValidity must be from 1 to 365 days, in whole days/);
});

test('token validities that are not whole minutes are refused, naming the property', () => {
  expectConfigError({ loginWith: { email: {} }, client: { accessTokenValidity: Duration.seconds(301) } },
    /client\.accessTokenValidity must be between 5 minutes and 1 day in whole minutes/);
});

test('an access or ID token outliving the refresh token is refused, naming the properties', () => {
  expectConfigError({ loginWith: { email: {} }, client: { idTokenValidity: Duration.hours(3), refreshTokenValidity: Duration.hours(2) } },
    /client\.idTokenValidity: 3 hours must not be longer than client\.refreshTokenValidity/);
});

test('RemovalPolicy.SNAPSHOT (unsupported by user pools, fails at deploy) is refused', () => {
  expectConfigError({ loginWith: { email: {} }, removalPolicy: RemovalPolicy.SNAPSHOT }, /removalPolicy: a user pool cannot be snapshotted/);
});
