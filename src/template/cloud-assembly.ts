import * as fs from 'fs';
import * as path from 'path';
import type { AssemblyManifest, AwsCloudFormationStackProperties, NestedCloudAssemblyProperties } from 'aws-cdk-lib/cloud-assembly-schema';
import { CfnTemplate } from './template-types';

/** One stack of a cloud assembly (cdk.out), found through its manifest. */
export interface AssemblyStack {
  /** The artifact id (also the template file's base name); unique within its assembly. */
  readonly artifactId: string;
  /** The CloudFormation stack name the artifact deploys as. */
  readonly stackName: string;
  /** Path of the stack as `cdk` lists it, e.g. `Stage/AuthStack`. */
  readonly displayName: string;
  readonly templateFile: string;
  /** Directory of the (nested) assembly holding the template; `aws:asset:path` is relative to it. */
  readonly assemblyDir: string;
  readonly template: CfnTemplate;
}

// Published cloud-assembly schema artifact types (ArtifactType in @aws-cdk/cloud-assembly-schema).
const STACK = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';

/**
 * Every stack of the cloud assembly in `dir`, following its `manifest.json`: stack artifacts give
 * their template file, nested assemblies (Stages) are read from their own directory. Nothing is globbed.
 *
 * @throws Error when `dir` has no readable manifest.json.
 */
export function readCloudAssembly(dir: string): AssemblyStack[] {
  const manifest = readJson(path.join(dir, 'manifest.json')) as AssemblyManifest;
  const stacks: AssemblyStack[] = [];
  for (const [artifactId, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === STACK) {
      stacks.push(stackOf(dir, artifactId, artifact.displayName, artifact.properties as AwsCloudFormationStackProperties));
    } else if (artifact.type === NESTED_ASSEMBLY) {
      stacks.push(...readCloudAssembly(path.join(dir, (artifact.properties as NestedCloudAssemblyProperties).directoryName)));
    }
  }
  return stacks;
}

/**
 * The stack `artifactId` of the assembly in `dir` (not of its nested assemblies), or undefined when
 * there is no manifest or no such stack: a previous synth's output, if there was one.
 */
export function findAssemblyStack(dir: string, artifactId: string): AssemblyStack | undefined {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return undefined;
  const artifact = (readJson(file) as AssemblyManifest).artifacts?.[artifactId];
  if (artifact?.type !== STACK) return undefined;
  const props = artifact.properties as AwsCloudFormationStackProperties;
  if (!fs.existsSync(path.join(dir, props.templateFile))) return undefined;
  return stackOf(dir, artifactId, artifact.displayName, props);
}

function stackOf(dir: string, artifactId: string, displayName: string | undefined, props: AwsCloudFormationStackProperties): AssemblyStack {
  const templateFile = path.join(dir, props.templateFile);
  return {
    artifactId,
    stackName: props.stackName ?? artifactId,
    displayName: displayName ?? artifactId,
    templateFile,
    assemblyDir: dir,
    template: readJson(templateFile) as CfnTemplate,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read ${file}: ${(e as Error).message}`);
  }
}
