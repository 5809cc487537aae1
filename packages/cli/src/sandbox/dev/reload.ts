import { immutablePoolChanges } from '@cdk-mfa/auth/template';
import { ClientConfig, PoolConfig } from '../core/pool-config';
import { clientSecretFor } from '../crypto/ids';
import { signingKeyFrom } from '../crypto/jwt';
import { PoolRuntime, SandboxContext } from '../model/context';
import { readResources } from '../template/template-reader';
import { loadTemplates, TemplateInput } from '../template/template-source';

/** What one reload changed, one line per pool and change, for the console. */
export interface ReloadReport {
  readonly changes: string[];
  /** Pools whose users were dropped because `resetPools` allowed a change Cognito cannot make in place. */
  readonly resetPools: string[];
}

/** A change CloudFormation would refuse to make to a live pool (it replaces the pool: users are lost). */
export class ImmutablePoolChangeError extends Error {
  public readonly name = 'ImmutablePoolChangeError';
  constructor(readonly poolIds: string[], details: string[]) {
    super(`${details.join('\n')}\nCognito cannot change these on an existing user pool (a deployment would replace it and lose its users). `
      + 'Keeping the running pools; revert the change, or restart with --reset-pool to start the changed pools empty.');
  }
}

/** Applies a pool's stored SetUserPoolMfaConfig on top of the template, as a deployed pool keeps it. */
export function applyMfaOverride(config: PoolConfig, state: PoolRuntime['state']): void {
  const override = state.mfaOverride;
  if (!override) return;
  config.mfaConfiguration = override.mfaConfiguration;
  config.enabledMfas = override.enabledMfas;
  config.smsAuthenticationMessage = override.smsAuthenticationMessage ?? config.smsAuthenticationMessage;
  config.emailAuthenticationMessage = override.emailMessage ?? config.emailAuthenticationMessage;
  config.emailAuthenticationSubject = override.emailSubject ?? config.emailAuthenticationSubject;
}

/** The pools and clients of `input`, with stored state, keys and client secrets attached. */
export function buildRuntimes(ctx: SandboxContext, input: TemplateInput): { pools: PoolConfig[]; runtimes: PoolRuntime[]; clients: ClientConfig[] } {
  const { pools, clients } = readResources(loadTemplates(input), ctx.region);
  if (pools.length === 0) throw new Error('The template has no AWS::Cognito::UserPool resource.');
  const runtimes = pools.map(config => {
    const state = ctx.store.pool(config.id);
    rememberTemplateMfa(config);
    applyMfaOverride(config, state);
    return { config, state, store: ctx.store, key: signingKeyFrom(state.keyId, state.signingKey) };
  });
  const withSecrets = clients.map(c => {
    const state = runtimes.find(r => r.config.id === c.poolId)?.state;
    return c.hasSecret && state ? { ...c, secret: clientSecretFor(state.signingKey, c.id) } : c;
  });
  return { pools, runtimes, clients: withSecrets };
}

/**
 * Re-reads the templates and swaps pools, clients and triggers in place. Users, devices, keys and
 * refresh tokens stay, since the store is keyed by pool id and ids come from stack and logical id.
 * All or nothing: a refused change (sign-in attributes, schema) leaves every pool as it was.
 *
 * Choice (docs are silent for a local emulator): a reload acts like `cdk deploy`, whose UpdateUserPool
 * sets the template's MFA configuration, so an earlier SetUserPoolMfaConfig no longer applies once the
 * template's MFA settings change.
 */
export async function reloadPools(ctx: SandboxContext, input: TemplateInput, resetPools: boolean): Promise<ReloadReport> {
  const next = readResources(loadTemplates(input), ctx.region);
  if (next.pools.length === 0) throw new Error('The template has no AWS::Cognito::UserPool resource.');
  const refused: string[] = [];
  const refusedIds: string[] = [];
  for (const config of next.pools) {
    const old = ctx.pools.get(config.id);
    if (!old) continue;
    const problems = immutableDifferences(old.config, config);
    if (problems.length) {
      refusedIds.push(config.id);
      refused.push(...problems.map(p => `${config.stackName}/${config.logicalId} (${config.id}): ${p}`));
    }
  }
  if (refused.length && !resetPools) throw new ImmutablePoolChangeError(refusedIds, refused);

  const previous = new Map(ctx.pools);
  const previousClients = new Map(ctx.clients);
  const changes: string[] = [];
  for (const config of next.pools) {
    const old = previous.get(config.id);
    if (old && !refusedIds.includes(config.id) && mfaChanged(templateMfa(old), config)) ctx.store.pool(config.id).mfaOverride = undefined;
  }
  for (const id of refusedIds) ctx.store.resetPool(id);

  const built = buildRuntimes(ctx, { ...input });
  // readResources ran twice; use the fresh pool objects from `built` so nothing is shared with the refused check.
  for (const runtime of built.runtimes) {
    const name = `${runtime.config.stackName}/${runtime.config.logicalId}`;
    const old = previous.get(runtime.config.id);
    if (!old) {
      changes.push(`${name}: new pool ${runtime.config.id}`);
      continue;
    }
    if (refusedIds.includes(runtime.config.id)) changes.push(`${name}: reset (started empty) because its sign-in attributes, case sensitivity or schema changed`);
    changes.push(...poolChanges(name, old.config, runtime.config));
  }
  for (const [id, old] of previous) {
    if (!built.runtimes.some(r => r.config.id === id)) changes.push(`${old.config.stackName}/${old.config.logicalId}: pool ${id} removed (its users stay in the state file)`);
  }
  for (const c of built.clients) if (!previousClients.has(c.id)) changes.push(`client ${c.logicalId} (${c.id}) added`);
  for (const [id, c] of previousClients) if (!built.clients.some(n => n.id === id)) changes.push(`client ${c.logicalId} (${id}) removed`);
  for (const c of built.clients) {
    const old = previousClients.get(c.id);
    if (old && JSON.stringify({ ...old, secret: undefined }) !== JSON.stringify({ ...c, secret: undefined })) changes.push(`client ${c.logicalId} (${c.id}) settings changed`);
  }

  // Swap: trigger workers of the old functions end; the new ones start warm.
  await ctx.triggers.close();
  ctx.pools.clear();
  for (const runtime of built.runtimes) ctx.pools.set(runtime.config.id, runtime);
  ctx.clients.clear();
  for (const c of built.clients) ctx.clients.set(c.id, c);
  ctx.triggers.prewarm(built.pools);
  ctx.store.flush();
  return { changes, resetPools: refusedIds };
}

/** The settings a live pool cannot change (the shared reader's one list), compared on the two templates' pool properties. */
export function immutableDifferences(old: PoolConfig, next: PoolConfig): string[] {
  return immutablePoolChanges(old.properties ?? {}, next.properties ?? {}).map(change => change.detail);
}

interface MfaSettings { readonly mfaConfiguration: string; readonly enabledMfas: readonly string[] }

/** The MFA settings the template gave a pool (before any SetUserPoolMfaConfig). */
const templateMfaByPool = new WeakMap<PoolConfig, MfaSettings>();

/** Remembers `config`'s template MFA settings; call before applying the stored override. */
export function rememberTemplateMfa(config: PoolConfig): void {
  templateMfaByPool.set(config, { mfaConfiguration: config.mfaConfiguration, enabledMfas: [...config.enabledMfas] });
}

const templateMfa = (runtime: PoolRuntime): MfaSettings => templateMfaByPool.get(runtime.config) ?? runtime.config;

const mfaChanged = (a: MfaSettings, b: MfaSettings) =>
  a.mfaConfiguration !== b.mfaConfiguration || [...a.enabledMfas].sort().join() !== [...b.enabledMfas].sort().join();

function poolChanges(name: string, old: PoolConfig, next: PoolConfig): string[] {
  const changes: string[] = [];
  if (old.mfaConfiguration !== next.mfaConfiguration) changes.push(`${name}: MFA ${old.mfaConfiguration} -> ${next.mfaConfiguration}`);
  const methods = (c: PoolConfig) => [...c.enabledMfas].sort().join(', ') || 'none';
  if (methods(old) !== methods(next)) changes.push(`${name}: MFA methods [${methods(old)}] -> [${methods(next)}]`);
  const triggers = (c: PoolConfig) => new Map(Object.entries(c.triggers).map(([k, fn]) => [k, `${fn.logicalId}:${fn.handler}:${fn.codeDir ?? ''}`]));
  const before = triggers(old);
  const after = triggers(next);
  for (const [k, v] of after) {
    if (!before.has(k)) changes.push(`${name}: trigger ${k} added`);
    else if (before.get(k) !== v) changes.push(`${name}: trigger ${k} changed`);
  }
  for (const k of before.keys()) if (!after.has(k)) changes.push(`${name}: trigger ${k} removed`);
  return changes;
}
