import { resolve, ResolveContext } from './intrinsics';
import { CfnTemplate, ResolvedResource } from './template-types';
import { describeUserPool, UserPoolDescription } from './user-pool';

/** A template's resources with their intrinsics resolved, and its user pools described. */
export interface TemplateDescription {
  readonly resources: ResolvedResource[];
  readonly userPools: UserPoolDescription[];
}

/**
 * Reads a synthesized template: resolves every resource's properties in `ctx` and describes each
 * `AWS::Cognito::UserPool` with Cognito's defaults applied.
 */
export function readTemplate(template: CfnTemplate, ctx: ResolveContext): TemplateDescription {
  const resources = Object.entries(template.Resources ?? {}).map(([logicalId, raw]) => ({
    logicalId, type: String(raw.Type), properties: resolve(raw.Properties ?? {}, ctx) as Record<string, any>, raw,
  }));
  const userPools = resources
    .filter(r => r.type === 'AWS::Cognito::UserPool')
    .map(r => describeUserPool(r.logicalId, ctx.refs[r.logicalId] ?? r.logicalId, r.properties));
  return { resources, userPools };
}

/** The resources of `type` that belong to `pool` (their resolved UserPoolId is the pool's Ref). */
export function resourcesOfPool(description: TemplateDescription, pool: UserPoolDescription, type: string): ResolvedResource[] {
  return description.resources.filter(r => r.type === type && r.properties.UserPoolId === pool.ref);
}
