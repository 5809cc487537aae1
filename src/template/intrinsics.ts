/**
 * Resolves the CloudFormation intrinsics a synthesized template uses (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select) against values the caller assigns to resources (the sandbox's ids, or the
 * deployed ids for client configuration). A Ref or attribute with no value resolves to its name.
 */
export interface ResolveContext {
  readonly region: string;
  readonly stackName: string;
  /** Ref value per logical ID. */
  readonly refs: Record<string, string>;
  /** `logicalId.Attribute` to value. */
  readonly attributes: Record<string, string>;
  /**
   * Keep a Ref to a name with no value (a template parameter) as the `{ Ref }` object, for callers
   * that must not guess (client configuration).
   * @default false - it resolves to the name, as the sandbox wants
   */
  readonly keepUnknownRefs?: boolean;
}

/** The account id resolved for `AWS::AccountId` (the sandbox's, and a placeholder elsewhere). */
export const ACCOUNT_ID = '000000000000';

/** `value` with every intrinsic function replaced by its value in `ctx`. */
export function resolve(value: any, ctx: ResolveContext): any {
  if (Array.isArray(value)) return value.map(v => resolve(v, ctx));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = value[key];
    switch (key) {
      case 'Ref': return ctx.keepUnknownRefs && !isKnownRef(String(arg), ctx) ? value : ref(String(arg), ctx);
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
        return ctx.attributes[`${id}.${attr}`] ?? `${id}.${attr}`;
      }
      case 'Fn::Join': return (resolve(arg[1], ctx) as any[]).map(String).join(arg[0]);
      case 'Fn::Select': return (resolve(arg[1], ctx) as any[])[Number(arg[0])];
      case 'Fn::Sub': return sub(arg, ctx);
      default: break;
    }
  }
  const out: Record<string, any> = {};
  for (const key of keys) out[key] = resolve(value[key], ctx);
  return out;
}

const PSEUDO_PARAMETERS = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName', 'AWS::NoValue']);

function isKnownRef(name: string, ctx: ResolveContext): boolean {
  return PSEUDO_PARAMETERS.has(name) || name in ctx.refs;
}

function ref(name: string, ctx: ResolveContext): string {
  switch (name) {
    case 'AWS::Region': return ctx.region;
    case 'AWS::AccountId': return ACCOUNT_ID;
    case 'AWS::Partition': return 'aws';
    case 'AWS::URLSuffix': return 'amazonaws.com';
    case 'AWS::StackName': return ctx.stackName;
    case 'AWS::NoValue': return '';
    default: return ctx.refs[name] ?? name;
  }
}

function sub(arg: any, ctx: ResolveContext): string {
  const [text, vars] = Array.isArray(arg) ? [arg[0] as string, resolve(arg[1] ?? {}, ctx)] : [String(arg), {}];
  return text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
    if (name in vars) return String(vars[name]);
    if (name.includes('.')) return ctx.attributes[name] ?? name;
    return ref(name, ctx);
  });
}
