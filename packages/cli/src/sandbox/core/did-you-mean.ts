/** Near-miss hints for names a user typed (options, commands, quota categories). */

/** The known name `name` nearly is (a prefix either way, or at most two edits away), for did-you-mean hints. */
export function closest(name: string, known: readonly string[]): string | undefined {
  return known.find(k => k.startsWith(name) || name.startsWith(k)) ?? known.find(k => editDistance(k, name) <= 2);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
