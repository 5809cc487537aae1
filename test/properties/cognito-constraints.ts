/**
 * An independent checker of Cognito's documented constraints, reading only the synthesized
 * CloudFormation JSON (no code shared with src/). Returns the violations found; empty is good.
 *
 * Sources: CreateUserPool / SetUserPoolMfaConfig / CreateUserPoolClient API references and the
 * AWS::Cognito::UserPool resource reference.
 */

/** What the config asked for, where the template cannot tell on its own. */
export interface Expectations {
  /** The DeletionPolicy the config asked for (default Retain). */
  readonly deletionPolicy?: string;
}

type Json = Record<string, any>;

const CODE = '{####}';
const USERNAME = '{username}';
const LINK = /\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}/u;
const DURATION_UNITS: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

export function checkCognitoConstraints(cfn: Json, expect: Expectations = {}): string[] {
  const resources: Record<string, Json> = cfn.Resources ?? {};
  const byType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const pools = byType('AWS::Cognito::UserPool');
  if (pools.length !== 1) return [`expected one user pool, found ${pools.length}`];
  const [poolId, pool] = pools[0];
  const problems: string[] = [];
  const fail = (msg: string) => problems.push(msg);

  checkPool(pool.Properties ?? {}, fail);
  // Passkeys need a relying party: the WebAuthnRelyingPartyID, or else a domain (WebAuthnConfigurationMissingException).
  const passkeys = (pool.Properties?.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? []).includes('WEB_AUTHN');
  if (passkeys && pool.Properties?.WebAuthnRelyingPartyID === undefined && byType('AWS::Cognito::UserPoolDomain').length === 0) {
    fail('WEB_AUTHN first factor with neither WebAuthnRelyingPartyID nor a domain');
  }
  const rpId = pool.Properties?.WebAuthnRelyingPartyID;
  if (typeof rpId === 'string' && !inRange(rpId.length, 1, 63)) fail(`WebAuthnRelyingPartyID length ${rpId.length} outside 1-63`);
  const wantDeletion = expect.deletionPolicy ?? 'Retain';
  if ((pool.DeletionPolicy ?? 'Delete') !== wantDeletion) fail(`DeletionPolicy ${pool.DeletionPolicy} but ${wantDeletion} was asked for`);
  // Snapshot exists only for resources with data snapshots (volumes, databases); a user pool has none.
  for (const policy of [pool.DeletionPolicy, pool.UpdateReplacePolicy]) {
    if (policy !== undefined && !['Delete', 'Retain', 'RetainExceptOnCreate'].includes(policy)) fail(`user pool policy ${policy} is not supported`);
  }

  for (const [id, c] of byType('AWS::Cognito::UserPoolClient')) checkClient(id, c.Properties ?? {}, pool.Properties ?? {}, fail);
  for (const [id, p] of byType('AWS::Lambda::Permission')) {
    const arn = JSON.stringify(p.Properties?.SourceArn);
    if (p.Properties?.Principal === 'cognito-idp.amazonaws.com' && arn !== JSON.stringify({ 'Fn::GetAtt': [poolId, 'Arn'] })) {
      fail(`${id}: Lambda permission SourceArn ${arn} is not the user pool's ARN`);
    }
  }
  for (const [id, statement] of policyStatements(resources)) checkSnsStatement(id, statement, fail);
  return problems;
}

function checkPool(p: Json, fail: (m: string) => void) {
  const mfas: string[] = p.EnabledMfas ?? [];
  const mode = p.MfaConfiguration ?? 'OFF';
  if ((mode === 'ON' || mode === 'OPTIONAL') && mfas.length === 0) fail(`MfaConfiguration ${mode} with no EnabledMfas`);
  if (mode === 'OFF' && mfas.length > 0) fail('MfaConfiguration OFF with EnabledMfas');
  const tier = p.UserPoolTier ?? 'ESSENTIALS';

  if (mfas.includes('EMAIL_OTP')) {
    if (p.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER') fail('EMAIL_OTP without DEVELOPER (SES) email sending');
    if (tier === 'LITE') fail('EMAIL_OTP on the LITE tier');
    if (mfas.length < 2) fail('EMAIL_OTP as the only MFA method');
  }
  const usesPhone = mfas.includes('SMS_MFA')
    || (p.UsernameAttributes ?? []).includes('phone_number')
    || (p.AutoVerifiedAttributes ?? []).includes('phone_number');
  if (usesPhone && !(p.SmsConfiguration?.SnsCallerArn && p.SmsConfiguration?.ExternalId)) {
    fail('SMS in use without SmsConfiguration.SnsCallerArn and ExternalId');
  }

  const vt = p.VerificationMessageTemplate ?? {};
  const invite = p.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  sms('SmsVerificationMessage', p.SmsVerificationMessage, [CODE], fail);
  sms('VerificationMessageTemplate.SmsMessage', vt.SmsMessage, [CODE], fail);
  sms('SmsAuthenticationMessage', p.SmsAuthenticationMessage, [CODE], fail);
  sms('InviteMessageTemplate.SMSMessage', invite.SMSMessage, [USERNAME, CODE], fail);
  email('EmailVerificationMessage', p.EmailVerificationMessage, [CODE], fail);
  email('VerificationMessageTemplate.EmailMessage', vt.EmailMessage, [CODE], fail);
  email('EmailAuthenticationMessage', p.EmailAuthenticationMessage, [CODE], fail);
  email('InviteMessageTemplate.EmailMessage', invite.EmailMessage, [USERNAME, CODE], fail);
  email('VerificationMessageTemplate.EmailMessageByLink', vt.EmailMessageByLink, [], fail);
  if (vt.EmailMessageByLink !== undefined && !isIntrinsic(vt.EmailMessageByLink) && !LINK.test(vt.EmailMessageByLink)) fail('EmailMessageByLink has no {##link##}');
  if (vt.DefaultEmailOption === 'CONFIRM_WITH_LINK' && vt.EmailMessageByLink === undefined) fail('LINK style without EmailMessageByLink');
  for (const [name, value] of Object.entries({
    EmailVerificationSubject: p.EmailVerificationSubject,
    EmailSubject: vt.EmailSubject,
    EmailSubjectByLink: vt.EmailSubjectByLink,
    EmailAuthenticationSubject: p.EmailAuthenticationSubject,
    InviteEmailSubject: invite.EmailSubject,
  })) length(name, value, 1, 140, fail);

  const pw = p.Policies?.PasswordPolicy ?? {};
  if (pw.MinimumLength !== undefined && !inRange(pw.MinimumLength, 6, 99)) fail(`MinimumLength ${pw.MinimumLength} outside 6-99`);
  if (pw.TemporaryPasswordValidityDays !== undefined && !inRange(pw.TemporaryPasswordValidityDays, 0, 365)) fail(`TemporaryPasswordValidityDays ${pw.TemporaryPasswordValidityDays}`);
  if (pw.PasswordHistorySize !== undefined && (tier === 'LITE' || !inRange(pw.PasswordHistorySize, 0, 24))) fail(`PasswordHistorySize ${pw.PasswordHistorySize} on ${tier}`);

  const factors: string[] = p.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  if (!factors.includes('PASSWORD')) fail('sign-in policy without PASSWORD');
  if (factors.length > 1 && (mode === 'ON' || tier === 'LITE')) fail(`passwordless first factors with MFA ${mode} on ${tier}`);
  if (p.UserPoolAddOns && tier !== 'PLUS') fail(`threat protection (UserPoolAddOns) on ${tier}`);
  const lc = p.LambdaConfig ?? {};
  if ((lc.CustomEmailSender || lc.CustomSMSSender) && !lc.KMSKeyID) fail('custom sender without KMSKeyID');
  if (p.DeletionProtection !== undefined && !['ACTIVE', 'INACTIVE'].includes(p.DeletionProtection)) fail(`DeletionProtection ${p.DeletionProtection}`);
}

function checkClient(id: string, c: Json, pool: Json, fail: (m: string) => void) {
  if (c.GenerateSecret !== false) fail(`${id}: GenerateSecret is ${c.GenerateSecret}, not false`);
  const units = c.TokenValidityUnits ?? {};
  const minutes = (value: number | undefined, unit: string | undefined, dflt: string) =>
    (value === undefined || isIntrinsic(value) ? undefined : value * DURATION_UNITS[unit ?? dflt]);
  const access = minutes(c.AccessTokenValidity, units.AccessToken, 'hours');
  const idToken = minutes(c.IdTokenValidity, units.IdToken, 'hours');
  const refresh = minutes(c.RefreshTokenValidity, units.RefreshToken, 'days') ?? 30 * 1440;
  for (const [name, v] of [['AccessTokenValidity', access], ['IdTokenValidity', idToken]] as const) {
    if (v !== undefined && (!Number.isInteger(c[name]) || !inRange(v, 5, 1440) || v > refresh)) fail(`${id}: ${name} ${v} min outside 5 min-1 day or above the refresh token's`);
  }
  // A token (an intrinsic) is Cognito's to check at deploy.
  if (!isIntrinsic(c.RefreshTokenValidity) && (!Number.isInteger(c.RefreshTokenValidity ?? 30) || !inRange(refresh, 60, 3650 * 1440))) fail(`${id}: RefreshTokenValidity ${refresh} min outside 60 min-10 years`);
  const flows: string[] = c.ExplicitAuthFlows ?? [];
  if (flows.length === 0) fail(`${id}: no ExplicitAuthFlows`);
  if (pool.DeviceConfiguration && !flows.includes('ALLOW_USER_SRP_AUTH')) fail(`${id}: device tracking without SRP`);
}

function checkSnsStatement(id: string, s: Json, fail: (m: string) => void) {
  const actions: string[] = [].concat(s.Action ?? []);
  if (s.Effect !== 'Allow' || !actions.some(a => a === 'sns:Publish' || a === 'sns:*' || a === '*')) return;
  if (s.Resource !== undefined) fail(`${id}: allows ${actions.join(',')} on Resource ${JSON.stringify(s.Resource)} (topics or *)`);
  if (JSON.stringify(s.NotResource ?? '').indexOf(':sns:*:*:*') < 0) fail(`${id}: SMS publish without NotResource on every topic`);
}

function* policyStatements(resources: Record<string, Json>): Generator<[string, Json]> {
  for (const [id, r] of Object.entries(resources)) {
    const docs: Json[] = r.Type === 'AWS::IAM::Role' ? (r.Properties?.Policies ?? []).map((p: Json) => p.PolicyDocument)
      : r.Type === 'AWS::IAM::Policy' ? [r.Properties?.PolicyDocument] : [];
    for (const doc of docs) for (const s of doc?.Statement ?? []) yield [id, s];
  }
}

function sms(name: string, value: unknown, requires: string[], fail: (m: string) => void) {
  template(name, value, 6, 140, requires, fail);
}

function email(name: string, value: unknown, requires: string[], fail: (m: string) => void) {
  template(name, value, 6, 20_000, requires, fail);
}

/** A CloudFormation intrinsic (Ref, Fn::Join, Fn::ImportValue ...): only known at deploy time. */
function isIntrinsic(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1
    && /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0]);
}

function template(name: string, value: unknown, min: number, max: number, requires: string[], fail: (m: string) => void) {
  if (value === undefined || isIntrinsic(value)) return;
  if (typeof value !== 'string') return fail(`${name} is not a string`);
  length(name, value, min, max, fail);
  for (const r of requires) if (!value.includes(r)) fail(`${name} lacks ${r}`);
}

function length(name: string, value: unknown, min: number, max: number, fail: (m: string) => void) {
  if (typeof value === 'string' && !inRange(value.length, min, max)) fail(`${name} is ${value.length} characters, outside ${min}-${max}`);
}

function inRange(v: number, min: number, max: number) {
  if (isIntrinsic(v)) return true;
  return v >= min && v <= max;
}
