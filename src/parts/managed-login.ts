import * as fs from 'fs';
import * as path from 'path';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CreatedClient } from './app-client';
import { ResolvedAuthConfig } from '../config/resolved';
import { ResolvedBranding } from '../config/resolved-front-door';
import { ASSET_EXTENSIONS } from '../config/validate-hosted-ui';


/**
 * One managed login branding style per client that signs users in through the domain: Cognito
 * serves managed login pages for a client only once it has a style. Cognito's default style, or the
 * settings and images from the config (images read now and embedded as base64).
 */
export function createManagedLoginBranding(
  scope: Construct, config: ResolvedAuthConfig, domain: cognito.UserPoolDomain | undefined, clients: readonly CreatedClient[],
): cognito.CfnManagedLoginBranding[] {
  const branding = config.domain?.branding;
  if (!branding || !domain) return [];
  return clients.filter(c => c.resolved.oauth?.hostedSignIn).map(({ client }) => {
    // Named after the client's construct id, so the style's logical id follows its client's.
    const style = new cognito.CfnManagedLoginBranding(scope, `${client.node.id}Branding`, {
      userPoolId: client.userPoolClientRef.userPoolId,
      clientId: client.userPoolClientId,
      ...brandingProps(branding),
    });
    style.node.addDependency(domain);
    return style;
  });
}

function brandingProps(branding: ResolvedBranding): Partial<cognito.CfnManagedLoginBrandingProps> {
  if (branding.useCognitoProvidedValues) return { useCognitoProvidedValues: true };
  return {
    useCognitoProvidedValues: false,
    settings: branding.settings,
    assets: branding.assets.length > 0 ? branding.assets.map(asset => ({
      category: asset.category,
      colorMode: asset.colorMode,
      extension: ASSET_EXTENSIONS[path.extname(asset.file).toLowerCase()],
      bytes: fs.readFileSync(asset.file).toString('base64'),
    })) : undefined,
  };
}
