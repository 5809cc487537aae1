/**
 * Random Auth configs for property tests.
 *
 * fast-check generates a plain, printable *spec* (no constructs, durations as [unit, amount]) so a
 * counterexample reads well; `buildProps` turns it into real `AuthProps` inside a given stack
 * (imported roles, functions and keys need a scope).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { AuthProps, MessageSource, MfaMode, PreTokenGenerationVersion, VerificationEmailStyle } from '../../src';

export type DurationSpec = ['seconds' | 'minutes' | 'hours' | 'days', number];

/** Any value a spec may hold: JSON plus duration tuples and markers for imported constructs. */
export type Spec = Record<string, any>;

/** `arb` or undefined; undefined is `rarity` times as likely as a value (and what shrinking aims for). */
const opt = <T>(arb: fc.Arbitrary<T>, rarity = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: rarity, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const often = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: arb });

/** Lengths that straddle Cognito's limits (6, 140, 20,000) more often than uniform sampling would. */
const fillerLength = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 3, arbitrary: fc.integer({ min: 115, max: 160 }) },
  { weight: 1, arbitrary: fc.integer({ min: 19_970, max: 20_020 }) },
);
const filler = fc.tuple(fillerLength, fc.constantFrom('a', 'Z', ' ', 'é', '.', '9', '-')).map(([n, c]) => c.repeat(n));

/** A message template that may or may not hold each placeholder, of random length. */
export const template = fc.record({
  before: filler,
  code: fc.boolean(),
  username: fc.boolean(),
  link: fc.constantFrom(undefined, '{##Verify Email##}', '{##Click here##}', '{#broken#}'),
  after: fc.constantFrom('', '.', ' thanks'),
}).map(t => [t.before, t.code ? '{####}' : '', t.username ? '{username}' : '', t.link ?? '', t.after].join(''));

/** Mostly short templates, so SMS rules are hit on both sides. */
const subject = fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }), filler);

const duration = (units: DurationSpec[0][], max: number): fc.Arbitrary<DurationSpec> =>
  fc.tuple(fc.constantFrom(...units), fc.integer({ min: 0, max })) as fc.Arbitrary<DurationSpec>;

const emailLogin = fc.record({
  verificationEmailStyle: opt(fc.constantFrom(VerificationEmailStyle.CODE, VerificationEmailStyle.LINK)),
  verificationEmailSubject: opt(subject),
  verificationEmailBody: opt(template),
  userInvitation: opt(fc.record({ emailSubject: opt(subject), emailBody: opt(template), smsMessage: opt(template) }, { requiredKeys: [] })),
}, { requiredKeys: [] });

const phoneLogin = fc.record({ verificationMessage: opt(template) }, { requiredKeys: [] });

const loginWith = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({ email: often(emailLogin), phone: opt(phoneLogin) }, { requiredKeys: [] }),
  },
  // A JavaScript caller may leave loginWith out entirely.
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const multifactor = opt(fc.record({
  mode: fc.constantFrom(MfaMode.OFF, MfaMode.OPTIONAL, MfaMode.REQUIRED),
  totp: opt(fc.boolean()),
  sms: opt(fc.record({ message: opt(template) }, { requiredKeys: [] })),
  email: opt(fc.record({ subject: opt(subject), message: opt(template) }, { requiredKeys: [] })),
}, { requiredKeys: ['mode'] }));

const senders = opt(fc.record({
  email: opt(fc.record({
    fromEmail: fc.constantFrom('noreply@example.com', 'no-reply@mail.example.org', 'not-an-address', ''),
    fromName: opt(fc.constantFrom('Example', 'Ops Team')),
  }, { requiredKeys: ['fromEmail'] })),
  smsRole: opt(fc.record({ role: fc.boolean(), externalId: fc.constantFrom('', ' ', 'x', 'ext-id-123', undefined) })),
  snsRegion: opt(fc.constantFrom('us-west-2', 'eu-west-1')),
  customEmailSender: opt(fc.constant(true), 6),
  customSmsSender: opt(fc.constant(true), 6),
  kmsKey: opt(fc.constant(true)),
}, { requiredKeys: [] }), 3);

const client = opt(fc.record({
  authFlows: opt(fc.record({
    userSrp: fc.boolean(), userPassword: opt(fc.boolean()), adminUserPassword: opt(fc.boolean()), custom: opt(fc.boolean()), user: opt(fc.boolean()),
  }, { requiredKeys: [] })),
  accessTokenValidity: opt(fc.oneof(duration(['minutes'], 1_500), duration(['hours'], 30), duration(['seconds'], 90_000))),
  idTokenValidity: opt(fc.oneof(duration(['minutes'], 1_500), duration(['hours'], 30))),
  refreshTokenValidity: opt(fc.oneof(duration(['minutes'], 200), duration(['hours'], 48), duration(['days'], 4_000))),
}, { requiredKeys: [] }), 3);

const passwordPolicy = opt(fc.record({
  minLength: opt(fc.oneof(fc.integer({ min: -2, max: 120 }), fc.constantFrom(7.5, Number.NaN))),
  requireLowercase: opt(fc.boolean()),
  requireDigits: opt(fc.boolean()),
  requireSymbols: opt(fc.boolean()),
  passwordHistorySize: opt(fc.oneof(fc.integer({ min: -2, max: 30 }), fc.constant(2.5))),
  tempPasswordValidity: opt(fc.oneof(duration(['days'], 400), duration(['hours'], 9_000))),
}, { requiredKeys: [] }), 3);

const GROUP_NAMES = ['admins', 'users', 'Admins', 'ops-team', 'a b', '', 'x'.repeat(129)];
const groups = opt(fc.array(fc.record({
  name: fc.constantFrom(...GROUP_NAMES),
  precedence: opt(fc.oneof(fc.integer({ min: -2, max: 10 }), fc.constant(1.5))),
  description: opt(fc.constant('A group')),
}, { requiredKeys: ['name'] }), { maxLength: 4 }), 2);

const DOMAINS = ['example.com', 'sub.example.org', 'Example.com', 'bad_domain', 'x', 'a.b.c.io'];
const triggers = opt(fc.record({
  preSignUp: opt(fc.constant(true), 4),
  postConfirmation: opt(fc.constant(true), 4),
  customMessage: opt(fc.constant(true), 6),
  preTokenGeneration: opt(fc.constant(true), 4),
  preTokenGenerationVersion: opt(fc.constantFrom(PreTokenGenerationVersion.V1, PreTokenGenerationVersion.V2, PreTokenGenerationVersion.V3)),
  builtInLogRetention: opt(fc.constantFrom(logs.RetentionDays.ONE_WEEK, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.INFINITE)),
  mfaByGroup: opt(fc.record({
    groups: fc.array(fc.constantFrom('admins', 'users', 'ghost'), { maxLength: 3 }),
    cacheTtl: opt(duration(['seconds'], 4_000)),
  }, { requiredKeys: ['groups'] })),
  signUpGuard: opt(fc.record({
    requirePhoneNumber: opt(fc.boolean()),
    allowedEmailDomains: opt(fc.array(fc.constantFrom(...DOMAINS), { maxLength: 3 })),
    deniedEmailDomains: opt(fc.array(fc.constantFrom(...DOMAINS), { maxLength: 2 })),
  }, { requiredKeys: [] })),
  customMessages: opt(fc.record({
    templates: fc.array(fc.record({
      source: fc.constantFrom(...Object.values(MessageSource)),
      locale: opt(fc.constantFrom('de', 'pt-BR', 'en')),
      message: template,
      subject: opt(subject),
    }, { requiredKeys: ['source', 'message'] }), { maxLength: 3 }),
    defaultLocale: opt(fc.constantFrom('en', 'de')),
  }, { requiredKeys: ['templates'] })),
}, { requiredKeys: [] }), 2);

/** Any config: valid and invalid mixes of every option. */
export const anySpec: fc.Arbitrary<Spec> = fc.record({
  loginWith,
  multifactor,
  senders,
  featurePlan: opt(fc.constantFrom(cognito.FeaturePlan.LITE, cognito.FeaturePlan.ESSENTIALS, cognito.FeaturePlan.PLUS)),
  passwordless: opt(fc.record({
    emailOtp: opt(fc.boolean()),
    smsOtp: opt(fc.boolean()),
    passkey: opt(fc.boolean()),
    passkeyRelyingPartyId: opt(fc.constantFrom('app.example.com', 'localhost', 'https://app.example.com', `${'a'.repeat(60)}.example.com`), 2),
    passkeyUserVerification: opt(fc.constantFrom('preferred', 'required', 'always'), 2),
  }, { requiredKeys: [] }), 3),
  threatProtection: opt(fc.constantFrom(...Object.values(cognito.StandardThreatProtectionMode)), 3),
  deviceTracking: opt(fc.record({ challengeRequiredOnNewDevice: fc.boolean(), deviceOnlyRememberedOnUserPrompt: fc.boolean() }), 2),
  client,
  passwordPolicy,
  groups,
  triggers,
  userAttributes: opt(fc.constantFrom(
    { phoneNumber: { required: true } }, { email: { required: false } }, { phoneNumber: { required: false }, email: { required: true } })),
  accountRecovery: opt(fc.constantFrom('EMAIL_ONLY', 'PHONE_WITHOUT_MFA_AND_EMAIL', 'NONE')),
  identityPool: opt(fc.record({ allowUnauthenticated: fc.boolean() }), 8),
  selfSignUp: opt(fc.boolean()),
  signInCaseSensitive: opt(fc.boolean()),
  removalPolicy: opt(fc.constantFrom('DESTROY', 'RETAIN', 'SNAPSHOT', 'RETAIN_ON_UPDATE_OR_DELETE'), 4),
  deletionProtection: opt(fc.boolean(), 4),
}, { requiredKeys: [] });

/**
 * Mostly-valid configs: repairs the spec toward Cognito's rules so a good share synthesizes.
 * Still random in everything the repair does not touch.
 */
export const validishSpec: fc.Arbitrary<Spec> = anySpec.map(repair);

/** A mostly-valid config with one area left raw: finds rules the validation misses in that area. */
export const oneRawAreaSpec: fc.Arbitrary<Spec> = fc.tuple(
  validishSpec,
  anySpec,
  fc.constantFrom(['client'], ['passwordPolicy'], ['groups', 'triggers'], ['passwordless', 'multifactor'], ['senders'], ['loginWith']),
).map(([base, raw, keys]) => ({ ...base, ...Object.fromEntries(keys.map(k => [k, raw[k]])) }));

function repair(spec: Spec): Spec {
  const s = JSON.parse(JSON.stringify(spec, (_k, v) => (Number.isNaN(v) ? 8 : v)));
  s.loginWith = s.loginWith ?? {};
  if (!s.loginWith.email && !s.loginWith.phone) s.loginWith.email = {};
  const fix = (t: string | undefined, sms = false) => (t === undefined ? undefined : `Code {####}${sms ? '' : ' for {username}'}`);
  if (s.loginWith.email) {
    const e = s.loginWith.email;
    e.verificationEmailBody = e.verificationEmailStyle === 'LINK' ? e.verificationEmailBody && 'Click {##Verify Email##}' : fix(e.verificationEmailBody);
    e.verificationEmailSubject = e.verificationEmailSubject && 'Welcome';
    if (e.userInvitation) e.userInvitation = { emailBody: fix(e.userInvitation.emailBody), smsMessage: e.userInvitation.smsMessage && '{username} {####}' };
  }
  if (s.loginWith.phone) s.loginWith.phone = { verificationMessage: fix(s.loginWith.phone.verificationMessage, true) };
  delete s.passwordPolicy;
  delete s.groups;
  delete s.triggers;
  delete s.passwordless;
  if (s.client) delete s.client.accessTokenValidity, delete s.client.refreshTokenValidity, delete s.client.idTokenValidity;
  if (s.senders) s.senders.smsRole = s.senders.smsRole && { role: true, externalId: 'ext-id-123' };
  if (s.senders?.email) s.senders.email.fromEmail = 'noreply@example.com';
  if (s.senders?.customEmailSender || s.senders?.customSmsSender) s.senders.kmsKey = true;
  if (s.threatProtection) s.featurePlan = 'PLUS';
  if (s.multifactor?.email) s.multifactor.email = {};
  if (s.multifactor?.sms) s.multifactor.sms = {};
  return s;
}

const ARN = (service: string, resource: string) => `arn:aws:${service}:us-east-1:123456789012:${resource}`;

/** Materializes a spec in `stack`: durations, imported roles/functions/keys, enums. */
export function buildProps(spec: Spec, stack: Stack): AuthProps {
  const fn = (on: unknown, name: string) => (on ? lambda.Function.fromFunctionArn(stack, name, ARN('lambda', `function:${name}`)) : undefined);
  const s = spec;
  const sendersProps = s.senders && {
    ...s.senders,
    smsRole: s.senders.smsRole && {
      role: s.senders.smsRole.role ? iam.Role.fromRoleArn(stack, 'ByoSmsRole', 'arn:aws:iam::123456789012:role/sms') : undefined,
      externalId: s.senders.smsRole.externalId,
    },
    customEmailSender: fn(s.senders.customEmailSender, 'EmailSender'),
    customSmsSender: fn(s.senders.customSmsSender, 'SmsSender'),
    kmsKey: s.senders.kmsKey ? kms.Key.fromKeyArn(stack, 'Key', ARN('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')) : undefined,
  };
  const triggersProps = s.triggers && {
    ...s.triggers,
    preSignUp: fn(s.triggers.preSignUp, 'PreSignUp'),
    postConfirmation: fn(s.triggers.postConfirmation, 'PostConfirmation'),
    customMessage: fn(s.triggers.customMessage, 'CustomMessage'),
    preTokenGeneration: fn(s.triggers.preTokenGeneration, 'PreToken'),
    mfaByGroup: s.triggers.mfaByGroup && { ...s.triggers.mfaByGroup, cacheTtl: toDuration(s.triggers.mfaByGroup.cacheTtl) },
  };
  return {
    ...s,
    senders: sendersProps,
    triggers: triggersProps,
    client: s.client && {
      ...s.client,
      accessTokenValidity: toDuration(s.client.accessTokenValidity),
      idTokenValidity: toDuration(s.client.idTokenValidity),
      refreshTokenValidity: toDuration(s.client.refreshTokenValidity),
    },
    passwordPolicy: s.passwordPolicy && { ...s.passwordPolicy, tempPasswordValidity: toDuration(s.passwordPolicy.tempPasswordValidity) },
    accountRecovery: s.accountRecovery && (cognito.AccountRecovery as any)[s.accountRecovery],
    removalPolicy: s.removalPolicy && (RemovalPolicy as any)[s.removalPolicy],
  } as AuthProps;
}

function toDuration(d: DurationSpec | undefined): Duration | undefined {
  return d && Duration[d[0]](d[1]);
}
