import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildProps, Spec } from './arbitraries';
import { Auth, AuthProps } from '../../src';
import { ENV } from '../support/synth';

/** The outcome of constructing Auth for one spec in a fresh app. */
export type Outcome =
  | { readonly ok: true; readonly props: AuthProps; readonly template: Record<string, any> }
  | { readonly ok: false; readonly props: AuthProps; readonly error: unknown };

export function runConfig(spec: Spec): Outcome {
  return runProps(stack => buildProps(spec, stack));
}

/** Constructs Auth with whatever props `build` makes in a fresh stack (they may be anything a JavaScript caller sends). */
export function runProps(build: (stack: Stack) => AuthProps): Outcome {
  const stack = new Stack(new App(), 'TestStack', { env: ENV });
  const props = build(stack);
  try {
    new Auth(stack, 'Auth', props);
    return { ok: true, props, template: Template.fromStack(stack).toJSON() };
  } catch (error) {
    return { ok: false, props, error };
  }
}

/** The DeletionPolicy each RemovalPolicy name maps to. */
export const DELETION_POLICY: Record<string, string> = {
  DESTROY: 'Delete', RETAIN: 'Retain', SNAPSHOT: 'Snapshot', RETAIN_ON_UPDATE_OR_DELETE: 'RetainExceptOnCreate',
};

/** The run count per property; PROPERTY_RUNS overrides it for a longer soak. */
export function runs(dflt: number): number {
  return Number(process.env.PROPERTY_RUNS ?? dflt);
}
