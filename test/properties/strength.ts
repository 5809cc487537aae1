/**
 * "At least as strong as asked": reads what the caller's props asked for (they passed the shape
 * check, so their types are right) and what the template holds, and names every setting that came
 * out weaker. Independent of src/: the defaults are the documented ones, written out here.
 */
import { Duration, Token } from 'aws-cdk-lib';

type Json = Record<string, any>;

const DELETION_POLICY: Record<string, string> = { 'destroy': 'Delete', 'retain': 'Retain', 'retain-on-update-or-delete': 'RetainExceptOnCreate' };
const MFA_CONFIGURATION: Record<string, string> = { OFF: 'OFF', OPTIONAL: 'OPTIONAL', REQUIRED: 'ON' };
const DEFAULT_POLICY = {
  minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempDays: 3, history: 5,
};

const isToken = (value: unknown) => Token.isUnresolved(value) || (value instanceof Duration && value.isUnresolved());
const isIntrinsic = (value: unknown) => typeof value === 'object' && value !== null;

export function strengthViolations(props: Json, cfn: Json): string[] {
  const resources = Object.values<Json>(cfn.Resources ?? {});
  const poolResource = resources.find(r => r.Type === 'AWS::Cognito::UserPool') ?? {};
  const pool = poolResource.Properties ?? {};
  const out: string[] = [];
  const deletion = DELETION_POLICY[props.removalPolicy ?? 'retain'];
  if (poolResource.DeletionPolicy !== deletion) out.push(`removalPolicy ${props.removalPolicy ?? 'default'} asked, DeletionPolicy ${poolResource.DeletionPolicy}`);
  const mf = props.multifactor;
  const mode: string = mf?.mode ?? 'REQUIRED';
  // Never "no MfaConfiguration" (MFA off) when a mode other than OFF was given.
  if (pool.MfaConfiguration !== MFA_CONFIGURATION[mode]) out.push(`multifactor.mode ${mode} asked, MfaConfiguration is ${pool.MfaConfiguration ?? 'absent'}`);
  if (mode !== 'OFF') {
    const want = [(mf?.totp ?? true) && 'SOFTWARE_TOKEN_MFA', mf?.sms !== undefined && 'SMS_MFA', mf?.email !== undefined && 'EMAIL_OTP'].filter(Boolean).sort();
    const got = [...(pool.EnabledMfas ?? [])].sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`second factors ${want} asked, EnabledMfas ${got}`);
  }
  if (props.selfSignUp === false && pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true) out.push('selfSignUp false asked, sign-up is open');
  if (props.deletionProtection !== false && pool.DeletionProtection !== 'ACTIVE') out.push(`deletion protection asked, got ${pool.DeletionProtection}`);
  if (props.deviceTracking) {
    const d = pool.DeviceConfiguration ?? {};
    if (d.ChallengeRequiredOnNewDevice !== props.deviceTracking.challengeRequiredOnNewDevice
      || d.DeviceOnlyRememberedOnUserPrompt !== props.deviceTracking.deviceOnlyRememberedOnUserPrompt) {
      out.push(`deviceTracking ${JSON.stringify(props.deviceTracking)} asked, DeviceConfiguration ${JSON.stringify(d)}`);
    }
  }
  out.push(...passwordPolicy(props, pool));
  const identityPool = resources.find(r => r.Type === 'AWS::Cognito::IdentityPool')?.Properties;
  if (identityPool && identityPool.AllowUnauthenticatedIdentities !== (props.identityPool?.allowUnauthenticated === true)) {
    out.push(`identityPool.allowUnauthenticated ${props.identityPool?.allowUnauthenticated} asked, guests ${identityPool.AllowUnauthenticatedIdentities}`);
  }
  return out;
}

function passwordPolicy(props: Json, pool: Json): string[] {
  const asked = props.passwordPolicy ?? {};
  const got = pool.Policies?.PasswordPolicy ?? {};
  const lite = pool.UserPoolTier === 'LITE';
  const out: string[] = [];
  const expect = (name: string, value: unknown, actual: unknown) => {
    if (isToken(value) ? !isIntrinsic(actual) : actual !== value) out.push(`passwordPolicy ${name} ${String(value)} asked, template has ${JSON.stringify(actual)}`);
  };
  expect('minLength', asked.minLength ?? DEFAULT_POLICY.minLength, got.MinimumLength);
  expect('requireLowercase', asked.requireLowercase ?? DEFAULT_POLICY.requireLowercase, got.RequireLowercase);
  expect('requireUppercase', asked.requireUppercase ?? DEFAULT_POLICY.requireUppercase, got.RequireUppercase);
  expect('requireDigits', asked.requireDigits ?? DEFAULT_POLICY.requireDigits, got.RequireNumbers);
  expect('requireSymbols', asked.requireSymbols ?? DEFAULT_POLICY.requireSymbols, got.RequireSymbols);
  const temp: Duration | undefined = asked.tempPasswordValidity;
  if (!temp || !temp.isUnresolved()) expect('tempPasswordValidity', temp ? temp.toDays() : DEFAULT_POLICY.tempDays, got.TemporaryPasswordValidityDays);
  expect('passwordHistorySize', asked.passwordHistorySize ?? (lite ? undefined : DEFAULT_POLICY.history), got.PasswordHistorySize);
  return out;
}
