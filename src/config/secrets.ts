/**
 * Where a `SecretValue` comes from, decided by what it puts in the template. A provider secret may
 * reach the template only as a reference: a Secrets Manager dynamic reference, a NoEcho parameter,
 * or another resource's attribute. `SecretValue.unsafePlainText('...')` (and any value whose text
 * would be in the template) is plain text.
 */
import {
  CfnDynamicReference, CfnParameter, CfnResource, IResolveContext, Reference, SecretValue, Token, Tokenization,
} from 'aws-cdk-lib';

export type SecretSource =
  /** `{{resolve:secretsmanager:...}}` */
  | 'secrets-manager'
  /** `{{resolve:ssm-secure:...}}`: CloudFormation resolves it only in a few listed properties. */
  | 'ssm-secure'
  /** `{{resolve:ssm:...}}`: a plain-text parameter. */
  | 'ssm-plain'
  /** A `Ref` to a NoEcho parameter. */
  | 'no-echo-parameter'
  /** `Fn::GetAtt` of another resource (e.g. a generated client secret). */
  | 'resource-attribute'
  /** The secret's text is in the template, or comes from somewhere that shows it (a plain parameter, an import). */
  | 'plain-text';

const DYNAMIC_REFERENCE = /^\{\{resolve:(secretsmanager|ssm-secure|ssm):/;

/**
 * Reads the value the SecretValue wraps without resolving it in any stack (a reference to a
 * resource in another stack or environment only resolves in its consuming stack): a literal, a
 * parameter, another resource's attribute, or a dynamic reference (whose text begins with its service).
 */
export function secretSource(secret: SecretValue): SecretSource {
  const text = secret.unsafeUnwrap();
  if (!Token.isUnresolved(text)) return fromLiteral(text);
  const wrapped = Tokenization.reverseCompleteString(text);
  if (Reference.isReference(wrapped)) {
    const target: unknown = wrapped.target;
    if (target instanceof CfnParameter) return target.noEcho ? 'no-echo-parameter' : 'plain-text';
    return CfnResource.isCfnResource(target) ? 'resource-attribute' : 'plain-text';
  }
  if (wrapped instanceof CfnDynamicReference) {
    // An Intrinsic's value needs no context: `{{resolve:<service>:` followed by literal text and tokens.
    const value: unknown = wrapped.resolve(undefined as unknown as IResolveContext);
    return typeof value === 'string' ? fromLiteral(value) : 'plain-text';
  }
  // Anything else (Fn.join, an import, a Lazy value) may carry the secret's text: not a reference.
  return 'plain-text';
}

function fromLiteral(text: string): SecretSource {
  const service = DYNAMIC_REFERENCE.exec(text)?.[1];
  if (service === 'secretsmanager') return 'secrets-manager';
  if (service === 'ssm-secure') return 'ssm-secure';
  if (service === 'ssm') return 'ssm-plain';
  return 'plain-text';
}
