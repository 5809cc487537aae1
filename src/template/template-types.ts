/** One resource of a synthesized CloudFormation template, as JSON. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: Record<string, any>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** A synthesized CloudFormation template, as JSON (`Template.fromStack(stack).toJSON()` or a `*.template.json`). */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value?: unknown }>;
}

/** A resource whose properties are resolved (intrinsics replaced by values); `raw` keeps the template's own. */
export interface ResolvedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
  readonly raw: CfnResource;
}
