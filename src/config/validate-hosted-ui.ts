import * as fs from 'fs';
import * as path from 'path';
import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { checkedAtDeploy, Finding, problem } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { ResolvedDomain } from './resolved-front-door';
import { isToken } from './tokens';
import { BrandingAssetCategory, ManagedLoginVersion } from './types-hosted-ui';

// CreateUserPoolDomain Domain: 1-63 characters; a prefix is one label of [a-z0-9-], not starting or ending with "-".
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'];
// AssetType: Bytes at most 1,000,000 bytes; at most 40 assets; these extensions.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
const MAX_ASSET_BYTES = 1_000_000;
const MAX_ASSETS = 40;
export const ASSET_EXTENSIONS: Readonly<Record<string, string>> = { '.ico': 'ICO', '.jpg': 'JPEG', '.jpeg': 'JPEG', '.png': 'PNG', '.svg': 'SVG', '.webp': 'WEBP' };

/** The domain: its name, its certificate, managed login and branding. */
export function validateHostedUi(config: ResolvedAuthConfig): Finding[] {
  const domain = config.domain;
  if (!domain) return [];
  return [...checkDomainName(domain), ...checkManagedLogin(domain, config.featurePlan), ...checkBranding(domain)];
}

function checkDomainName(domain: ResolvedDomain): Finding[] {
  const { cognitoPrefix, customDomain } = domain;
  if ((cognitoPrefix === undefined) === (customDomain === undefined)) {
    return [problem('domain', 'give exactly one of cognitoPrefix and customDomain')];
  }
  if (cognitoPrefix !== undefined) {
    if (isToken(cognitoPrefix)) return [checkedAtDeploy('domain.cognitoPrefix', 'its characters and reserved words')];
    const findings: Finding[] = [];
    if (!PREFIX.test(cognitoPrefix)) {
      findings.push(problem('domain.cognitoPrefix', `must be 1 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, got ${JSON.stringify(cognitoPrefix)}`));
    }
    const reserved = RESERVED_WORDS.filter(word => cognitoPrefix.includes(word));
    if (reserved.length > 0) {
      findings.push(problem('domain.cognitoPrefix', `must not contain the reserved word${reserved.length > 1 ? 's' : ''} ${reserved.map(w => `"${w}"`).join(', ')} (Cognito refuses it)`,
        'choose a prefix such as your app name'));
    }
    return findings;
  }
  return [...checkCustomDomainName(customDomain!.domainName), ...checkCertificate(customDomain!.certificate)];
}

function checkCustomDomainName(name: string): Finding[] {
  if (isToken(name)) return [checkedAtDeploy('domain.customDomain.domainName', 'its form (a lower-case host name of at most 63 characters)')];
  const labels = name.split('.');
  if (name.length > 63 || labels.length < 2 || !labels.every(label => LABEL.test(label))) {
    return [problem('domain.customDomain.domainName',
      `must be a lower-case host name of at most 63 characters with at least two labels, e.g. "auth.example.com", got ${JSON.stringify(name)}`)];
  }
  return [];
}

/** Cognito serves a custom domain through CloudFront, which takes certificates from us-east-1 only. */
function checkCertificate(certificate: { certificateArn: string }): Finding[] {
  const at = 'domain.customDomain.certificate';
  const region = certificateRegion(certificate);
  if (region === undefined) return [checkedAtDeploy(at, 'its region (it must be us-east-1)')];
  return region === 'us-east-1' ? [] : [problem(at, `is in ${region}, but Cognito custom domains need an ACM certificate in us-east-1`,
    'request or import the certificate in us-east-1 (a stack in us-east-1 with crossRegionReferences, or Certificate.fromCertificateArn)')];
}

function certificateRegion(certificate: { certificateArn: string }): string | undefined {
  const arn = certificate.certificateArn;
  if (!Token.isUnresolved(arn)) return arn.split(':')[3] || undefined; // arn:partition:acm:REGION:account:certificate/id
  const stackRegion = Stack.of(certificate as any).region;
  return Token.isUnresolved(stackRegion) ? undefined : stackRegion;
}

/** In the Lite plan the classic hosted UI is the only choice for domain services. */
function checkManagedLogin(domain: ResolvedDomain, plan: cognito.FeaturePlan): Finding[] {
  if (domain.managedLoginVersion !== ManagedLoginVersion.MANAGED_LOGIN || plan !== cognito.FeaturePlan.LITE) return [];
  return [problem('domain.managedLoginVersion', 'managed login (the default) needs the Essentials or Plus feature plan; the Lite plan has only the classic hosted UI',
    'set domain.managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI, or featurePlan: ESSENTIALS')];
}

function checkBranding(domain: ResolvedDomain): Finding[] {
  const branding = domain.branding;
  if (!branding) return [];
  if (domain.managedLoginVersion === ManagedLoginVersion.CLASSIC_HOSTED_UI) {
    return [problem('domain.branding', 'branding styles are for managed login; the classic hosted UI has none',
      'remove domain.branding, or set domain.managedLoginVersion: ManagedLoginVersion.MANAGED_LOGIN')];
  }
  const findings: Finding[] = [];
  if (branding.assets.length > MAX_ASSETS) findings.push(problem('domain.branding.assets', `may hold at most ${MAX_ASSETS} images, got ${branding.assets.length}`));
  const seen = new Set<string>();
  branding.assets.forEach((asset, i) => {
    const at = `domain.branding.assets[${i}]`;
    const slot = `${asset.category}/${asset.colorMode}`;
    if (seen.has(slot)) findings.push(problem(at, `is the second image for ${asset.category} in ${asset.colorMode} mode`, 'give each category and colour mode one image'));
    seen.add(slot);
    findings.push(...checkAssetFile(`${at}.file`, asset.file, asset.category));
  });
  return findings;
}

function checkAssetFile(at: string, file: string, category: BrandingAssetCategory): Finding[] {
  const extension = ASSET_EXTENSIONS[path.extname(file).toLowerCase()];
  if (!extension) return [problem(at, `must be an .ico, .jpg, .jpeg, .png, .svg or .webp file, got ${JSON.stringify(file)}`)];
  if (category === BrandingAssetCategory.FAVICON_ICO && extension !== 'ICO') return [problem(at, 'must be an .ico file for FAVICON_ICO')];
  if (category === BrandingAssetCategory.FAVICON_SVG && extension !== 'SVG') return [problem(at, 'must be an .svg file for FAVICON_SVG')];
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return [problem(at, `${JSON.stringify(file)} is not a file`)];
    size = stat.size;
  } catch {
    return [problem(at, `cannot read ${JSON.stringify(file)} (relative paths start at the directory the app runs in: ${process.cwd()})`)];
  }
  return size > MAX_ASSET_BYTES ? [problem(at, `is ${size} bytes; Cognito takes images of at most ${MAX_ASSET_BYTES} bytes`)] : [];
}
