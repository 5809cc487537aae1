/**
 * The config flows one way: types -> shape -> resolve (every default, once) -> rules -> parts.
 * These tests keep it that way, and pin what the resolve step hands the rules and mappers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { MfaMode, PreTokenGenerationVersion, VerificationEmailStyle } from '../../src';
import { resolveAuthConfig } from '../../src/config/resolve';

const SRC = path.join(__dirname, '..', '..', 'src');
const sources = (dir: string): string[] => fs.readdirSync(path.join(SRC, dir), { withFileTypes: true })
  .flatMap(entry => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []));
const read = (file: string) => fs.readFileSync(path.join(SRC, file), 'utf8');

test('nothing under src/config imports src/parts', () => {
  expect(sources('config').filter(file => /from '(\.\.\/)+parts\//.test(read(file)))).toEqual([]);
});

test('DEFAULTS is read only by resolve.ts', () => {
  const readers = sources('.').filter(file => /\bDEFAULTS\b/.test(read(file)) && !file.endsWith(path.join('config', 'defaults.ts')));
  expect(readers).toEqual([path.join('config', 'resolve.ts')]);
});

test('the default config, resolved: every default applied, derived facts set', () => {
  const config = resolveAuthConfig({ loginWith: { email: {} } });
  expect(config).toMatchObject({
    loginWith: { email: { verificationEmailStyle: VerificationEmailStyle.CODE } },
    multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: false, email: false },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
      passwordHistorySize: 5,
    },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    groups: [],
    selfSignUp: true,
    client: {
      authFlows: { userSrp: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    },
    passwordless: { emailOtp: false, smsOtp: false, passkey: false, enabled: false },
    triggers: {
      functions: {}, preTokenGenerationVersion: PreTokenGenerationVersion.V1, builtIns: [], builtInLogRetention: logs.RetentionDays.ONE_YEAR,
    },
    signInCaseSensitive: false,
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    outputs: true,
    collectsPhoneNumber: false,
    collectsEmail: true,
    sendsSms: false,
  });
});

test('a built-in trigger resolves through its descriptor, with its own defaults', () => {
  const config = resolveAuthConfig({
    loginWith: { phone: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: false, sms: {} },
    triggers: { signUpGuard: {}, mfaByGroup: { groups: ['admins'] } },
  });
  expect(config.sendsSms).toBe(true);
  expect(config.triggers.builtIns.map(t => [t.key, t.slot.key, t.config])).toEqual([
    ['mfaByGroup', 'preTokenGeneration', { groups: ['admins'], cacheTtl: Duration.seconds(60) }],
    // SMS as the only second factor: a phone number is required at sign-up by default.
    ['signUpGuard', 'preSignUp', { requirePhoneNumber: true, allowedEmailDomains: [], deniedEmailDomains: [] }],
  ]);
});
