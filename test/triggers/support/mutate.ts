/**
 * fast-check arbitraries for malformed trigger events: anything at all, and valid events with
 * fields deleted or replaced by arbitrary values.
 */
import * as fc from 'fast-check';

type Node = Record<string, unknown> | unknown[];

/** Every kind of value fast-check can make, including null-prototype objects and sparse arrays. */
export const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Plain objects and arrays only: mutations do not descend into boxed strings, typed arrays, maps... */
function isNode(value: unknown): value is Node {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** Every key path in a JSON-like value. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (!isNode(value)) return [];
  return Object.keys(value).flatMap(key => [[...prefix, key], ...pathsOf((value as Record<string, unknown>)[key], [...prefix, key])]);
}

/** Deletes (`replacement` undefined) or replaces the value at `path` in place. */
function apply(target: unknown, path: string[], replacement: { value: unknown } | undefined): void {
  let parent = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (!isNode(parent[key])) return; // an earlier mutation removed this branch
    parent = parent[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (replacement) parent[last] = replacement.value;
  else delete parent[last];
}

/** Valid events from `make`, each with one to three fields deleted or replaced. */
export function mutatedEvent<T extends object>(make: () => T): fc.Arbitrary<T> {
  const mutation = fc.record({ pick: fc.nat(), remove: fc.boolean(), value: anyValue });
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map(mutations => {
    const event = make();
    for (const { pick, remove, value } of mutations) {
      const paths = pathsOf(event);
      if (paths.length === 0) break;
      apply(event, paths[pick % paths.length], remove ? undefined : { value });
    }
    return event;
  });
}
