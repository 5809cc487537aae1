import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ACCOUNT_ID, DEFAULT_MESSAGES, isTrue, readTemplate, resolve, ResolveContext, ResolvedResource, resourcesOfPool, UserPoolDescription,
} from '@cdk-mfa/auth/template';
import { clientIdFor, kmsKeyIdFor, poolIdFor } from './ids';
import { clientOAuthFrom, HostedResource, hostedPoolFrom } from './template-hosted';
import { TemplateSource } from './template-source';
import { ClientConfig, MfaMethod, MfaMode, PoolConfig, TriggerFunction } from '../core/pool-config';
import { PreTokenEventVersion } from '../core/token-customization';

/** App client defaults where the template is silent (Cognito's pool defaults live in the shared reader). */
const UNITS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
/** A key's ARN as KMS writes it (the sandbox's keys live in its own account, ACCOUNT_ID). */
const kmsKeyArn = (region: string, keyId: string) => `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${keyId}`;

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
    const description = readTemplate(source.template ?? {}, ctx);
    const hosted = hostedResources(description.resources);
    for (const pool of description.userPools) {
      const poolGroups = resourcesOfPool(description, pool, 'AWS::Cognito::UserPoolGroup')
        .map(({ properties: g }) => ({ name: String(g.GroupName), precedence: g.Precedence, description: g.Description }));
      pools.push({ ...poolFrom(pool, source, resources, ctx, poolGroups), hosted: hostedPoolFrom(pool.ref, hosted) });
    }
    for (const client of description.resources.filter(r => r.type === 'AWS::Cognito::UserPoolClient')) {
      const id = ctx.refs[client.logicalId];
      clients.push({ ...clientFrom(client.logicalId, id, client.properties), oauth: clientOAuthFrom(id, client.properties, hosted) });
    }
  }
  return { pools, clients };
}

const HOSTED_TYPES = new Set([
  'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::UserPoolResourceServer', 'AWS::Cognito::UserPoolIdentityProvider', 'AWS::Cognito::ManagedLoginBranding',
]);

function hostedResources(resources: readonly ResolvedResource[]): HostedResource[] {
  return resources.filter(r => HOSTED_TYPES.has(r.type)).map(r => ({ logicalId: r.logicalId, type: r.type, props: r.properties }));
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
    } else if (res.Type === 'AWS::KMS::Key') {
      // Ref is the key id, Arn the key's ARN: what function environments and the pool's KMSKeyID resolve to.
      refs[logicalId] = kmsKeyIdFor(seed);
      attributes[`${logicalId}.KeyId`] = refs[logicalId];
      attributes[`${logicalId}.Arn`] = kmsKeyArn(region, refs[logicalId]);
    } else if (res.Type === 'AWS::KMS::Alias' && typeof res.Properties?.AliasName === 'string') {
      refs[logicalId] = res.Properties.AliasName;
    } else if (res.Type === 'AWS::Lambda::Function') {
      const name = res.Properties?.FunctionName ?? `${source.stackName}-${logicalId}`;
      refs[logicalId] = typeof name === 'string' ? name : logicalId;
      attributes[`${logicalId}.Arn`] = `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${refs[logicalId]}`;
    }
  }
  return { region, stackName: source.stackName, refs, attributes };
}

function poolFrom(
  pool: UserPoolDescription, source: TemplateSource, resources: Record<string, any>, ctx: ResolveContext, groups: PoolConfig['groups'],
): Omit<PoolConfig, 'hosted'> {
  const p = pool.properties;
  const policy = pool.passwordPolicy;
  const vmt = p.VerificationMessageTemplate ?? {};
  const invite = p.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  return {
    id: pool.ref,
    logicalId: pool.logicalId,
    stackName: source.stackName,
    name: p.UserPoolName ?? pool.logicalId,
    mfaConfiguration: pool.mfaConfiguration as MfaMode,
    enabledMfas: pool.enabledMfas as MfaMethod[],
    firstAuthFactors: pool.firstAuthFactors as PoolConfig['firstAuthFactors'],
    webAuthn: {
      relyingPartyId: typeof p.WebAuthnRelyingPartyID === 'string' ? p.WebAuthnRelyingPartyID : undefined,
      userVerification: p.WebAuthnUserVerification === 'required' ? 'required' : 'preferred',
    },
    usernameAttributes: pool.usernameAttributes as PoolConfig['usernameAttributes'],
    aliasAttributes: pool.aliasAttributes as PoolConfig['aliasAttributes'],
    autoVerifiedAttributes: pool.autoVerifiedAttributes as PoolConfig['autoVerifiedAttributes'],
    passwordPolicy: {
      minimumLength: policy.minimumLength,
      requireLowercase: policy.requireLowercase,
      requireUppercase: policy.requireUppercase,
      requireNumbers: policy.requireNumbers,
      requireSymbols: policy.requireSymbols,
      temporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
      historySize: policy.passwordHistorySize,
    },
    device: p.DeviceConfiguration ? {
      challengeRequiredOnNewDevice: isTrue(p.DeviceConfiguration.ChallengeRequiredOnNewDevice),
      onlyRememberedOnUserPrompt: isTrue(p.DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt),
    } : undefined,
    verification: {
      emailMessage: vmt.EmailMessage ?? p.EmailVerificationMessage ?? DEFAULT_MESSAGES.verification,
      emailSubject: vmt.EmailSubject ?? p.EmailVerificationSubject ?? DEFAULT_MESSAGES.verificationSubject,
      smsMessage: vmt.SmsMessage ?? p.SmsVerificationMessage ?? DEFAULT_MESSAGES.verification,
    },
    smsAuthenticationMessage: p.SmsAuthenticationMessage ?? DEFAULT_MESSAGES.authentication,
    emailAuthenticationMessage: p.EmailAuthenticationMessage ?? DEFAULT_MESSAGES.authentication,
    emailAuthenticationSubject: p.EmailAuthenticationSubject ?? DEFAULT_MESSAGES.authenticationSubject,
    allowAdminCreateUserOnly: isTrue(p.AdminCreateUserConfig?.AllowAdminCreateUserOnly),
    invite: {
      emailMessage: invite.EmailMessage ?? DEFAULT_MESSAGES.invitation,
      emailSubject: invite.EmailSubject ?? DEFAULT_MESSAGES.invitationSubject,
      smsMessage: invite.SMSMessage ?? DEFAULT_MESSAGES.invitation,
    },
    caseSensitive: pool.caseSensitive,
    schema: pool.schema,
    triggers: triggersFrom(p.LambdaConfig ?? {}, source, resources, ctx),
    customSenderKeyArn: senderKeyArn(p.LambdaConfig ?? {}, pool.logicalId, resources, ctx),
    groups,
    attributesRequireVerificationBeforeUpdate: p.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [],
    properties: p,
  };
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

/**
 * LambdaConfig.KMSKeyID as the ARN of the key Cognito encrypts custom senders' codes with. The
 * template may name the key by ARN (what the L2 writes), id, alias name or alias ARN; an alias of a
 * key in the template is followed to that key, as KMS does.
 */
function senderKeyArn(lambdaConfig: any, poolLogicalId: string, resources: Record<string, any>, ctx: ResolveContext): string | undefined {
  const senders = SENDER_KEYS.filter(k => lambdaConfig[k]);
  const named = lambdaConfig.KMSKeyID === undefined ? undefined : String(lambdaConfig.KMSKeyID);
  if (!named) {
    if (senders.length) throw new Error(`${poolLogicalId}: LambdaConfig.${senders[0]} needs LambdaConfig.KMSKeyID (Cognito refuses a custom sender without a KMS key)`);
    return undefined;
  }
  const aliasName = /^arn:aws[\w-]*:kms:[^:]*:\d*:(alias\/.+)$/.exec(named)?.[1] ?? (named.startsWith('alias/') ? named : undefined);
  if (aliasName) {
    const alias = Object.values(resources).find(r => r.Type === 'AWS::KMS::Alias' && r.Properties?.AliasName === aliasName);
    const target = alias && String(resolve(alias.Properties.TargetKeyId, ctx));
    if (!target) return named.startsWith('arn:') ? named : `arn:aws:kms:${ctx.region}:${ACCOUNT_ID}:${named}`;
    return target.startsWith('arn:') ? target : kmsKeyArn(ctx.region, target);
  }
  return named.startsWith('arn:') ? named : kmsKeyArn(ctx.region, named);
}

/** The custom sender triggers: LambdaConfig names each in a block of its own, with its event version (V1_0 only). */
const SENDER_KEYS = ['CustomEmailSender', 'CustomSMSSender'];

const TRIGGER_KEYS = [
  'PreSignUp', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'CustomMessage', 'PreTokenGeneration',
  'DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'UserMigration',
];

function triggersFrom(lambdaConfig: any, source: TemplateSource, resources: Record<string, any>, ctx: ResolveContext) {
  const triggers: Record<string, TriggerFunction> = {};
  const byArn = new Map(Object.entries(ctx.attributes).filter(([k]) => k.endsWith('.Arn')).map(([k, v]) => [v, k.slice(0, -4)]));
  const entries: [string, any][] = TRIGGER_KEYS.map(k => [k, lambdaConfig[k]]);
  // PreTokenGenerationConfig (V1_0 and later) names the function in its own block, with its event version.
  for (const sender of SENDER_KEYS) if (lambdaConfig[sender]?.LambdaArn) entries.push([sender, lambdaConfig[sender].LambdaArn]);
  const tokenConfig = lambdaConfig.PreTokenGenerationConfig;
  if (!lambdaConfig.PreTokenGeneration && tokenConfig?.LambdaArn) entries.push(['PreTokenGeneration', tokenConfig.LambdaArn]);
  // InboundFederation has only the block form, { LambdaArn, LambdaVersion } ("AWS::Cognito::UserPool
  // InboundFederation", CloudFormation template reference), and V1_0 is its only event version.
  const inbound = lambdaConfig.InboundFederation;
  if (inbound?.LambdaArn) {
    if (String(inbound.LambdaVersion) !== 'V1_0') {
      throw new Error(`LambdaConfig.InboundFederation.LambdaVersion ${String(inbound.LambdaVersion)} is not V1_0, the only version Cognito accepts for it`);
    }
    entries.push(['InboundFederation', inbound.LambdaArn]);
  }
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

/** A number the template states, or undefined (then the Lambda default applies). */
function positiveNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
