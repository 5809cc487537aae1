/**
 * Reads a synthesized CloudFormation template and says, in a few lines, what the Auth construct built.
 * It reads the template rather than the construct's props, so it reports what would really deploy.
 */
import { CfnResource, CfnTemplate, readTemplate, resourcesOfPool, TemplateDescription, UserPoolDescription } from '@cdk-mfa/auth/template';
import { MFA_METHOD_BY_COGNITO_NAME, MFA_MODE_BY_COGNITO_NAME } from './description';

type Resource = CfnResource;
type TemplateJson = CfnTemplate;

export function summarizeTemplate(stackName: string, template: TemplateJson): string[] {
  const resources = Object.entries(template.Resources ?? {});
  const byType = new Map<string, number>();
  for (const [, r] of resources) byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);

  const lines = [`Stack ${stackName}: ${resources.length} resources`];
  for (const [type, count] of [...byType].sort()) lines.push(`  ${count} x ${type}`);

  // No deployed ids: a Ref resolves to the logical id, a region to a placeholder.
  const description = readTemplate(template, { region: '<region>', stackName, refs: {}, attributes: {} });
  for (const pool of description.userPools) {
    lines.push(...summarizeUserPool(pool, template.Resources![pool.logicalId], template, description));
  }
  return lines;
}

function summarizeUserPool(description: UserPoolDescription, pool: Resource, template: TemplateJson, read: TemplateDescription): string[] {
  const logicalId = description.logicalId;
  const p = description.properties;
  const mode = MFA_MODE_BY_COGNITO_NAME[description.mfaConfiguration];
  const methods = description.enabledMfas.map(m => MFA_METHOD_BY_COGNITO_NAME[m] ?? m);
  const device = p.DeviceConfiguration;
  const lines = [
    `User pool ${logicalId}`,
    `  sign-in: ${(p.UsernameAttributes ?? p.AliasAttributes ?? ['username']).join(', ')}`,
    `  MFA: ${mode}${methods.length ? ` with ${methods.join(', ')}` : ''}`,
    `  device tracking: ${device
      ? `on (challenge on new device: ${device.ChallengeRequiredOnNewDevice}, remembered only on user prompt: ${device.DeviceOnlyRememberedOnUserPrompt})`
      : 'off'}`,
    `  SMS role: ${describeSmsRole(pool.Properties?.SmsConfiguration, template)}`,
    `  feature plan: ${p.UserPoolTier ?? 'CloudFormation default'}`,
    `  password: min ${description.passwordPolicy.minimumLength} characters`,
    `  deletion: DeletionPolicy ${pool.DeletionPolicy ?? 'Delete'}, deletion protection ${p.DeletionProtection ?? 'INACTIVE'}`,
  ];
  const triggers = Object.keys(p.LambdaConfig ?? {}).filter(k => k !== 'KMSKeyID');
  if (triggers.length) lines.push(`  triggers: ${triggers.join(', ')}`);
  return [...lines, ...summarizeFrontDoor(description, read)];
}

/** The domain, the external providers and each app client's OAuth grants and callback URLs. */
function summarizeFrontDoor(pool: UserPoolDescription, read: TemplateDescription): string[] {
  const ofPool = (type: string) => resourcesOfPool(read, pool, type);
  const lines: string[] = [];
  for (const { properties: d } of ofPool('AWS::Cognito::UserPoolDomain')) {
    const host = d.CustomDomainConfig ? show(d.Domain) : `${show(d.Domain)}.auth.<region>.amazoncognito.com`;
    lines.push(`  domain: ${host} (${d.ManagedLoginVersion === 2 ? 'managed login' : 'classic hosted UI'})`);
  }
  const providers = ofPool('AWS::Cognito::UserPoolIdentityProvider')
    .map(({ properties: r }) => `${show(r.ProviderName)} (${show(r.ProviderType)})`);
  if (providers.length) lines.push(`  external providers: ${providers.join(', ')}`);
  for (const { logicalId: clientId, properties: c } of ofPool('AWS::Cognito::UserPoolClient')) {
    if (c.AllowedOAuthFlowsUserPoolClient !== true) continue;
    const callbacks = (c.CallbackURLs ?? []).map(show);
    lines.push(`  app client ${clientId}: OAuth ${(c.AllowedOAuthFlows ?? []).join(', ')}`
      + `${c.GenerateSecret ? ', with secret' : ''}${callbacks.length ? `; callback URLs ${callbacks.join(', ')}` : ''}`);
  }
  return lines;
}

/** A template value as text: literals (and what the reader resolved) as they are, anything else as a marker. */
function show(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '<deploy-time value>';
}

function describeSmsRole(sms: any, template: TemplateJson): string {
  if (!sms) return 'none (nothing sends SMS)';
  const roleId = sms.SnsCallerArn?.['Fn::GetAtt']?.[0];
  const role = roleId ? template.Resources?.[roleId] : undefined;
  if (!role) return 'bring-your-own role';
  const statements = (role.Properties?.Policies ?? []).flatMap((pol: any) => pol.PolicyDocument?.Statement ?? []);
  const topicsBlocked = statements.some((s: any) => s.NotResource !== undefined);
  return `${roleId} (sns:Publish${topicsBlocked ? ', no SNS topics' : ''}, trust bound to external ID)`;
}
