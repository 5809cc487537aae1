/**
 * Where a `SecretValue` comes from, decided by what it puts in the template. A provider secret may
 * reach the template only as a reference: a Secrets Manager dynamic reference, a NoEcho parameter,
 * or another resource's attribute. `SecretValue.unsafePlainText('...')` (and any value whose text
 * would be in the template) is plain text.
 */
import { CfnParameter, SecretValue, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { Construct } from 'constructs';

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

let probe: Stack | undefined;

/** A stack outside any app, only to resolve tokens: resolving adds nothing to any stack. */
function probeStack(): Stack {
  probe ??= new Stack(new Construct(undefined as any, ''), 'SecretSourceProbe');
  return probe;
}

export function secretSource(secret: SecretValue): SecretSource {
  const text = secret.unsafeUnwrap();
  if (!Token.isUnresolved(text)) return fromLiteral(text);
  const reference = Tokenization.reverseCompleteString(text);
  const target = (reference as { target?: unknown } | undefined)?.target;
  if (target instanceof CfnParameter) return target.noEcho ? 'no-echo-parameter' : 'plain-text';
  return fromResolved(probeStack().resolve(text));
}

function fromLiteral(text: string): SecretSource {
  const service = DYNAMIC_REFERENCE.exec(text)?.[1];
  if (service === 'secretsmanager') return 'secrets-manager';
  if (service === 'ssm-secure') return 'ssm-secure';
  if (service === 'ssm') return 'ssm-plain';
  return 'plain-text';
}

/** Judges the CloudFormation value: a dynamic reference built with Fn::Join, a Ref, or a GetAtt. */
function fromResolved(value: unknown): SecretSource {
  if (typeof value === 'string') return fromLiteral(value);
  if (value && typeof value === 'object') {
    const [fn, args] = Object.entries(value)[0] ?? [];
    if (fn === 'Fn::Join' && Array.isArray(args) && args[0] === '' && Array.isArray(args[1])) {
      const first = args[1][0];
      return typeof first === 'string' ? fromLiteral(first) : 'plain-text';
    }
    if (fn === 'Fn::GetAtt') return 'resource-attribute';
  }
  // A Ref to a parameter that is not NoEcho, an import, a condition: the value is visible somewhere.
  return 'plain-text';
}

