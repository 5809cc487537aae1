/**
 * Shape guards for untrusted event data. Handlers never trust the event's static type:
 * a guard failure means "malformed event", never an exception.
 */

/** A plain object (not null, not an array). */
export type Rec = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an array whose items are all strings. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(item => typeof item === 'string');
}

/** The string at `obj[key]`, or undefined when absent or not a string. */
export function stringAt(obj: Rec, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

/** The object at `obj[key]`, or undefined when absent or not a plain object. */
export function recordAt(obj: Rec, key: string): Rec | undefined {
  const value = obj[key];
  return isRecord(value) ? value : undefined;
}

/** The object at `obj[key]`, created (replacing any non-object value) when needed. */
export function ensureRecord(obj: Rec, key: string): Rec {
  const existing = obj[key];
  if (isRecord(existing)) return existing;
  const created: Rec = {};
  obj[key] = created;
  return created;
}
