import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clientIdFor, poolIdFor } from './ids';
import { ACCOUNT_ID, resolve, ResolveContext } from './intrinsics';
import { clientOAuthFrom, hostedPoolFrom, ResolvedResource } from './template-hosted';
import { TemplateSource } from './template-source';
import { PreTokenEventVersion } from '../core/token-customization';
import { ClientConfig, MfaMethod, MfaMode, PoolConfig, TriggerFunction } from '../core/pool-config';

/** Cognito's documented defaults where the template is silent. */
const DEFAULT_VERIFICATION = 'Your verification code is {####}. ';
const DEFAULT_AUTH_MESSAGE = 'Your authentication code is {####}. ';
const DEFAULT_INVITE = 'Your username is {username} and temporary password is {####}. ';
const UNITS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

export interface SandboxResources {
  readonly pools: PoolConfig[];
  readonly clients: ClientConfig[];
}

/** Reads the Cognito resources of the templates and assigns the sandbox's IDs to them. */
export function readResources(sources: TemplateSource[], region: string): SandboxResources {
  const pools: PoolConfig[] = [];
  const clients: ClientConfig[] = [];
  for (const source of sources) {
    const resources: Record<string, any> = source.template?.Resources ?? {};
    const ctx = contextFor(source, resources, region);
    const groups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Cognito::UserPoolGroup');
    const hosted = hostedResources(resources, ctx);
    for (const [logicalId, res] of Object.entries(resources)) {
      if (res.Type !== 'AWS::Cognito::UserPool') continue;
      const props = resolve(res.Properties ?? {}, ctx);
      const id = ctx.refs[logicalId];
      const poolGroups = groups
        .map(([, g]) => resolve(g.Properties ?? {}, ctx))
        .filter(g => g.UserPoolId === id)
        .map(g => ({ name: String(g.GroupName), precedence: g.Precedence, description: g.Description }));
      pools.push({ ...poolFrom(logicalId, id, source, props, resources, ctx, poolGroups), hosted: hostedPoolFrom(id, hosted) });
    }
    for (const [logicalId, res] of Object.entries(resources)) {
      if (res.Type !== 'AWS::Cognito::UserPoolClient') continue;
      const props = resolve(res.Properties ?? {}, ctx);
      clients.push({ ...clientFrom(logicalId, ctx.refs[logicalId], props), oauth: clientOAuthFrom(ctx.refs[logicalId], props, hosted) });
    }
  }
  return { pools, clients };
}

const HOSTED_TYPES = new Set([
  'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::UserPoolResourceServer', 'AWS::Cognito::UserPoolIdentityProvider', 'AWS::Cognito::ManagedLoginBranding',
]);

function hostedResources(resources: Record<string, any>, ctx: ResolveContext): ResolvedResource[] {
  return Object.entries(resources)
    .filter(([, r]) => HOSTED_TYPES.has(r.Type))
    .map(([logicalId, r]) => ({ logicalId, type: String(r.Type), props: resolve(r.Properties ?? {}, ctx) }));
}

function contextFor(source: TemplateSource, resources: Record<string, any>, region: string): ResolveContext {
  const refs: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const [logicalId, res] of Object.entries(resources)) {
    const seed = `${source.stackName}/${logicalId}`;
    if (res.Type === 'AWS::Cognito::UserPool') {
      const id = poolIdFor(region, seed);
      refs[logicalId] = id;
      attributes[`${logicalId}.Arn`] = `arn:aws:cognito-idp:${region}:${ACCOUNT_ID}:userpool/${id}`;
      attributes[`${logicalId}.ProviderName`] = `cognito-idp.${region}.amazonaws.com/${id}`;
      attributes[`${logicalId}.ProviderURL`] = `https://cognito-idp.${region}.amazonaws.com/${id}`;
      attributes[`${logicalId}.UserPoolId`] = id;
    } else if (res.Type === 'AWS::Cognito::UserPoolClient') {
      refs[logicalId] = clientIdFor(seed);
      attributes[`${logicalId}.ClientId`] = refs[logicalId];
    } else if (res.Type === 'AWS::Cognito::UserPoolResourceServer' && typeof res.Properties?.Identifier === 'string') {
      // Ref of a resource server is its identifier, which custom scope names start with.
      refs[logicalId] = res.Properties.Identifier;
    } else if (res.Type === 'AWS::Cognito::UserPoolIdentityProvider' && typeof res.Properties?.ProviderName === 'string') {
      refs[logicalId] = res.Properties.ProviderName;
    } else if (res.Type === 'AWS::Cognito::UserPoolDomain' && typeof res.Properties?.Domain === 'string') {
      refs[logicalId] = res.Properties.Domain;
    } else if (res.Type === 'AWS::Lambda::Function') {
      const name = res.Properties?.FunctionName ?? `${source.stackName}-${logicalId}`;
      refs[logicalId] = typeof name === 'string' ? name : logicalId;
      attributes[`${logicalId}.Arn`] = `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${refs[logicalId]}`;
    }
  }
  return { region, stackName: source.stackName, refs, attributes };
}

function poolFrom(
  logicalId: string, id: string, source: TemplateSource, p: any, resources: Record<string, any>, ctx: ResolveContext,
  groups: PoolConfig['groups'],
): Omit<PoolConfig, 'hosted'> {
  const policy = p.Policies?.PasswordPolicy ?? {};
  const vmt = p.VerificationMessageTemplate ?? {};
  const invite = p.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  const verificationSms = vmt.SmsMessage ?? p.SmsVerificationMessage ?? DEFAULT_VERIFICATION;
  return {
    id,
    logicalId,
    stackName: source.stackName,
    name: p.UserPoolName ?? logicalId,
    mfaConfiguration: (p.MfaConfiguration ?? 'OFF') as MfaMode,
    enabledMfas: enabledMfas(p),
    firstAuthFactors: p.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'],
    webAuthn: {
      relyingPartyId: typeof p.WebAuthnRelyingPartyID === 'string' ? p.WebAuthnRelyingPartyID : undefined,
      userVerification: p.WebAuthnUserVerification === 'required' ? 'required' : 'preferred',
    },
    usernameAttributes: p.UsernameAttributes ?? [],
    aliasAttributes: p.AliasAttributes ?? [],
    autoVerifiedAttributes: p.AutoVerifiedAttributes ?? [],
    passwordPolicy: {
      minimumLength: policy.MinimumLength ?? 8,
      requireLowercase: policy.RequireLowercase ?? true,
      requireUppercase: policy.RequireUppercase ?? true,
      requireNumbers: policy.RequireNumbers ?? true,
      requireSymbols: policy.RequireSymbols ?? true,
      temporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays ?? 7,
      historySize: Number(policy.PasswordHistorySize ?? 0),
    },
    device: p.DeviceConfiguration ? {
      challengeRequiredOnNewDevice: isTrue(p.DeviceConfiguration.ChallengeRequiredOnNewDevice),
      onlyRememberedOnUserPrompt: isTrue(p.DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt),
    } : undefined,
    verification: {
      emailMessage: vmt.EmailMessage ?? p.EmailVerificationMessage ?? DEFAULT_VERIFICATION,
      emailSubject: vmt.EmailSubject ?? p.EmailVerificationSubject ?? 'Your verification code',
      smsMessage: verificationSms,
    },
    smsAuthenticationMessage: p.SmsAuthenticationMessage ?? DEFAULT_AUTH_MESSAGE,
    emailAuthenticationMessage: p.EmailAuthenticationMessage ?? DEFAULT_AUTH_MESSAGE,
    emailAuthenticationSubject: p.EmailAuthenticationSubject ?? 'Your authentication code',
    allowAdminCreateUserOnly: isTrue(p.AdminCreateUserConfig?.AllowAdminCreateUserOnly),
    invite: {
      emailMessage: invite.EmailMessage ?? DEFAULT_INVITE,
      emailSubject: invite.EmailSubject ?? 'Your temporary password',
      smsMessage: invite.SMSMessage ?? DEFAULT_INVITE,
    },
    caseSensitive: p.UsernameConfiguration?.CaseSensitive === undefined ? true : isTrue(p.UsernameConfiguration.CaseSensitive),
    schema: (p.Schema ?? []).map((a: any) => ({
      name: String(a.Name), required: isTrue(a.Required), mutable: a.Mutable === undefined || isTrue(a.Mutable),
    })),
    triggers: triggersFrom(p.LambdaConfig ?? {}, source, resources, ctx),
    groups,
    attributesRequireVerificationBeforeUpdate: p.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [],
    properties: p,
  };
}

/** CloudFormation only lists EnabledMfas explicitly; SMS MFA is implied by MfaConfiguration alone. */
function enabledMfas(p: any): MfaMethod[] {
  if (Array.isArray(p.EnabledMfas)) return p.EnabledMfas;
  return p.MfaConfiguration && p.MfaConfiguration !== 'OFF' ? ['SMS_MFA'] : [];
}

function clientFrom(logicalId: string, id: string, p: any): Omit<ClientConfig, 'oauth'> {
  const units = p.TokenValidityUnits ?? {};
  const seconds = (value: any, unit: string | undefined, fallbackUnit: string, fallback: number) =>
    value === undefined ? fallback : Number(value) * UNITS[unit ?? fallbackUnit];
  return {
    id,
    logicalId,
    poolId: String(p.UserPoolId),
    name: p.ClientName ?? logicalId,
    explicitAuthFlows: p.ExplicitAuthFlows ?? DEFAULT_FLOWS,
    accessTokenValiditySeconds: seconds(p.AccessTokenValidity, units.AccessToken, 'hours', 3600),
    idTokenValiditySeconds: seconds(p.IdTokenValidity, units.IdToken, 'hours', 3600),
    refreshTokenValiditySeconds: seconds(p.RefreshTokenValidity, units.RefreshToken, 'days', 30 * 86400),
    authSessionValiditySeconds: Number(p.AuthSessionValidity ?? 3) * 60,
    preventUserExistenceErrors: p.PreventUserExistenceErrors === 'ENABLED',
    hasSecret: p.GenerateSecret === true || p.GenerateSecret === 'true',
    refreshTokenRotation: p.RefreshTokenRotation ? {
      enabled: p.RefreshTokenRotation.Feature === 'ENABLED',
      retryGracePeriodSeconds: Number(p.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0),
    } : undefined,
    tokenRevocation: p.EnableTokenRevocation === undefined ? true : isTrue(p.EnableTokenRevocation),
    properties: p,
  };
}

const TRIGGER_KEYS = [
  'PreSignUp', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'CustomMessage', 'PreTokenGeneration',
  'DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'UserMigration',
];

function triggersFrom(lambdaConfig: any, source: TemplateSource, resources: Record<string, any>, ctx: ResolveContext) {
  const triggers: Record<string, TriggerFunction> = {};
  const byArn = new Map(Object.entries(ctx.attributes).filter(([k]) => k.endsWith('.Arn')).map(([k, v]) => [v, k.slice(0, -4)]));
  const entries: [string, any][] = TRIGGER_KEYS.map(k => [k, lambdaConfig[k]]);
  // PreTokenGenerationConfig (V1_0 and later) names the function in its own block, with its event version.
  const tokenConfig = lambdaConfig.PreTokenGenerationConfig;
  if (!lambdaConfig.PreTokenGeneration && tokenConfig?.LambdaArn) entries.push(['PreTokenGeneration', tokenConfig.LambdaArn]);
  for (const [name, arn] of entries) {
    if (!arn) continue;
    const fnId = byArn.get(String(arn));
    triggers[name] = fnId && resources[fnId]
      ? functionFrom(fnId, resources[fnId], source, ctx)
      : { logicalId: String(arn), handler: '', environment: {}, missingReason: `function ${arn} is not defined in the template` };
  }
  if (triggers.PreTokenGeneration && !lambdaConfig.PreTokenGeneration && tokenConfig?.LambdaVersion) {
    triggers.PreTokenGeneration = { ...triggers.PreTokenGeneration, eventVersion: preTokenEventVersion(tokenConfig.LambdaVersion) };
  }
  return triggers;
}

function functionFrom(logicalId: string, res: any, source: TemplateSource, ctx: ResolveContext): TriggerFunction {
  const props = res.Properties ?? {};
  const environment: Record<string, string> = {};
  for (const [k, v] of Object.entries(resolve(props.Environment?.Variables ?? {}, ctx))) environment[k] = String(v);
  const base = {
    logicalId,
    handler: String(props.Handler ?? 'index.handler'),
    environment,
    timeoutSeconds: positiveNumber(props.Timeout),
    memoryMb: positiveNumber(props.MemorySize),
  };
  if (!String(props.Runtime ?? 'nodejs').startsWith('nodejs')) {
    return { ...base, missingReason: `runtime ${props.Runtime} cannot run in the sandbox` };
  }
  if (typeof props.Code?.ZipFile === 'string') {
    return { ...base, codeDir: writeInlineCode(source.stackName, logicalId, props.Code.ZipFile) };
  }
  const assetPath = res.Metadata?.['aws:asset:path'];
  if (!assetPath) return { ...base, missingReason: 'no aws:asset:path metadata and no inline code' };
  const dir = path.isAbsolute(assetPath) ? assetPath : source.assetDir && path.join(source.assetDir, assetPath);
  if (!dir || !fs.existsSync(dir)) return { ...base, missingReason: `asset ${assetPath} not found (synthesize into a cdk.out dir and pass --app)` };
  return { ...base, codeDir: dir };
}

/** `V2_0` -> '2'. Cognito accepts V1_0, V2_0 and V3_0; anything else would fail to deploy. */
function preTokenEventVersion(lambdaVersion: unknown): PreTokenEventVersion {
  const match = /^V([123])_0$/.exec(String(lambdaVersion));
  if (!match) throw new Error(`PreTokenGenerationConfig.LambdaVersion ${String(lambdaVersion)} is not V1_0, V2_0 or V3_0`);
  return match[1] as PreTokenEventVersion;
}

/** Inline (ZipFile) code runs as index.js from a private temp dir. */
function writeInlineCode(stackName: string, logicalId: string, code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-mfa-auth-${stackName}-${logicalId}-`.replace(/[^\w.-]/g, '_')));
  fs.writeFileSync(path.join(dir, 'index.js'), code);
  return dir;
}

const isTrue = (v: any) => v === true || v === 'true';
/** A number the template states, or undefined (then the Lambda default applies). */
function positiveNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
