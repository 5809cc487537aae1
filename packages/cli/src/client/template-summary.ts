/**
 * Reads a synthesized CloudFormation template and says, in a few lines, what the Auth construct built.
 * It reads the template rather than the construct's props, so it reports what would really deploy.
 */
import { MFA_METHOD_BY_COGNITO_NAME, MFA_MODE_BY_COGNITO_NAME } from './description';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type TemplateJson = { Resources?: Record<string, Resource> };

export function summarizeTemplate(stackName: string, template: TemplateJson): string[] {
  const resources = Object.entries(template.Resources ?? {});
  const byType = new Map<string, number>();
  for (const [, r] of resources) byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);

  const lines = [`Stack ${stackName}: ${resources.length} resources`];
  for (const [type, count] of [...byType].sort()) lines.push(`  ${count} x ${type}`);

  for (const [logicalId, pool] of resources.filter(([, r]) => r.Type === 'AWS::Cognito::UserPool')) {
    lines.push(...summarizeUserPool(logicalId, pool, template));
  }
  return lines;
}

function summarizeUserPool(logicalId: string, pool: Resource, template: TemplateJson): string[] {
  const p = pool.Properties ?? {};
  const mode = MFA_MODE_BY_COGNITO_NAME[p.MfaConfiguration ?? 'OFF'] ?? p.MfaConfiguration;
  const methods = (p.EnabledMfas ?? []).map((m: string) => MFA_METHOD_BY_COGNITO_NAME[m] ?? m);
  const device = p.DeviceConfiguration;
  const lines = [
    `User pool ${logicalId}`,
    `  sign-in: ${(p.UsernameAttributes ?? p.AliasAttributes ?? ['username']).join(', ')}`,
    `  MFA: ${mode}${methods.length ? ` with ${methods.join(', ')}` : ''}`,
    `  device tracking: ${device
      ? `on (challenge on new device: ${device.ChallengeRequiredOnNewDevice}, remembered only on user prompt: ${device.DeviceOnlyRememberedOnUserPrompt})`
      : 'off'}`,
    `  SMS role: ${describeSmsRole(p.SmsConfiguration, template)}`,
    `  feature plan: ${p.UserPoolTier ?? 'CloudFormation default'}`,
    `  password: min ${p.Policies?.PasswordPolicy?.MinimumLength ?? 8} characters`,
    `  deletion: DeletionPolicy ${pool.DeletionPolicy ?? 'Delete'}, deletion protection ${p.DeletionProtection ?? 'INACTIVE'}`,
  ];
  const triggers = Object.keys(p.LambdaConfig ?? {}).filter(k => k !== 'KMSKeyID');
  if (triggers.length) lines.push(`  triggers: ${triggers.join(', ')}`);
  return [...lines, ...summarizeFrontDoor(logicalId, template)];
}

/** The domain, the external providers and each app client's OAuth grants and callback URLs. */
function summarizeFrontDoor(poolId: string, template: TemplateJson): string[] {
  const ofPool = (type: string) => Object.entries(template.Resources ?? {})
    .filter(([, r]) => r.Type === type && r.Properties?.UserPoolId?.Ref === poolId);
  const lines: string[] = [];
  for (const [, domain] of ofPool('AWS::Cognito::UserPoolDomain')) {
    const d = domain.Properties ?? {};
    const host = d.CustomDomainConfig ? show(d.Domain) : `${show(d.Domain)}.auth.<region>.amazoncognito.com`;
    lines.push(`  domain: ${host} (${d.ManagedLoginVersion === 2 ? 'managed login' : 'classic hosted UI'})`);
  }
  const providers = ofPool('AWS::Cognito::UserPoolIdentityProvider')
    .map(([, r]) => `${show(r.Properties?.ProviderName)} (${show(r.Properties?.ProviderType)})`);
  if (providers.length) lines.push(`  external providers: ${providers.join(', ')}`);
  for (const [clientId, client] of ofPool('AWS::Cognito::UserPoolClient')) {
    const c = client.Properties ?? {};
    if (c.AllowedOAuthFlowsUserPoolClient !== true) continue;
    const callbacks = (c.CallbackURLs ?? []).map(show);
    lines.push(`  app client ${clientId}: OAuth ${(c.AllowedOAuthFlows ?? []).join(', ')}`
      + `${c.GenerateSecret ? ', with secret' : ''}${callbacks.length ? `; callback URLs ${callbacks.join(', ')}` : ''}`);
  }
  return lines;
}

/** A template value as text: literals as they are, intrinsics as a marker. */
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
