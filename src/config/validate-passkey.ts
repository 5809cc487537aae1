import { checkedAtDeploy, Finding, problem, warning } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { stringParts } from './tokens';

const RP_ID = 'passwordless.passkeyRelyingPartyId';
/** CloudFormation's `WebAuthnRelyingPartyID` length limit, which the L2 also checks (the API allows 127). */
const MAX_RP_ID_LENGTH = 63;
/** A DNS host name: labels of letters, digits and inner hyphens; no scheme, port, path or trailing dot. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Passkeys (WebAuthn): the relying party ID names the domain passkeys are bound to. Cognito's
 * managed login signs in at the pool's domain, so with a domain the ID must be that domain: the
 * prefix domain's host, or the custom domain (Cognito documents its FQDN; WebAuthn also accepts a
 * registrable parent, which we allow with a warning). Without a domain there is no default, and the
 * ID names the app's own host (SDK sign-in from the app's pages).
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
 */
export function validatePasskey(config: ResolvedAuthConfig): Finding[] {
  const given = config.raw.passwordless ?? {};
  const webAuthn = config.passwordless.webAuthn;
  if (!webAuthn) {
    return (['passkeyRelyingPartyId', 'passkeyUserVerification'] as const)
      .filter(key => given[key] !== undefined)
      .map(key => problem(`passwordless.${key}`, 'has no effect without passkeys', 'set passwordless.passkey: true, or remove it'));
  }
  const rpId = webAuthn.relyingPartyId;
  const domain = config.domain;
  if (rpId === undefined) {
    return domain ? [] : [problem('passwordless.passkey', 'passkeys need a relying party ID, and the pool has no domain to default to',
      `set ${RP_ID} to your app's host name (e.g. app.example.com), or add domain.cognitoPrefix or domain.customDomain`)];
  }
  const parts = stringParts(rpId);
  if (parts.kind !== 'literal') return [checkedAtDeploy(RP_ID, 'the relying party ID (a host name matching the pool\'s domain)')];
  if (!HOST_NAME.test(rpId)) {
    return [problem(RP_ID, `must be a lower-case host name without scheme, port or path (got "${rpId}")`, 'write it as app.example.com')];
  }
  if (rpId.length > MAX_RP_ID_LENGTH) {
    return [problem(RP_ID, `must be at most ${MAX_RP_ID_LENGTH} characters, as CloudFormation allows (got ${rpId.length})`)];
  }
  if (!domain) return [];
  if (domain.customDomain) return customDomainRule(rpId, domain.customDomain.domainName);
  return prefixDomainRule(rpId, domain.cognitoPrefix ?? '');
}

function customDomainRule(rpId: string, domainName: string): Finding[] {
  if (stringParts(domainName).kind !== 'literal') return [checkedAtDeploy(RP_ID, 'that the relying party ID matches domain.customDomain')];
  const host = domainName.toLowerCase();
  if (rpId === host) return [];
  // A parent of the custom domain with at least two labels: WebAuthn needs a registrable domain, not a public suffix.
  if (host.endsWith(`.${rpId}`) && rpId.includes('.')) {
    return [warning('passkey-relying-party-parent', RP_ID,
      `${rpId} is a parent of the custom domain ${host}: browsers accept it (unless it is a public suffix), but Cognito documents the custom domain's own name for managed login`)];
  }
  return [problem(RP_ID, `must be the custom domain ${host} (or a registrable parent of it), where managed login asks for passkeys (got "${rpId}")`,
    `set it to ${host}, or leave it unset`)];
}

function prefixDomainRule(rpId: string, prefix: string): Finding[] {
  if (stringParts(prefix).kind !== 'literal') return [checkedAtDeploy(RP_ID, 'that the relying party ID matches domain.cognitoPrefix')];
  // The region is the stack's, which the pure rules do not know: the form is checked, the mapper fills the default.
  const expected = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.auth\\.[a-z]{2}(-[a-z]+)+-\\d\\.amazoncognito\\.com$`);
  if (expected.test(rpId)) return [];
  return [problem(RP_ID, `must be the prefix domain ${prefix}.auth.<region>.amazoncognito.com, where managed login asks for passkeys (got "${rpId}")`,
    'leave it unset to use the prefix domain, or use a custom domain for your own host name')];
}

