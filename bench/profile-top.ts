/**
 * Top functions of a V8 CPU profile (node --cpu-prof, as `sandbox-bench.ts --cpu-prof` writes):
 * self time and total time (self plus callees), in percent of the profile's samples.
 *
 *   npx ts-node --project test/tsconfig.json bench/profile-top.ts FILE.cpuprofile [count]
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function main() {
  const [file, countArg] = process.argv.slice(2);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : 'native';
    return `${functionName || '(anonymous)'} ${where}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let active = 0;
  for (const id of profile.samples) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    active++;
    self.set(name(node), (self.get(name(node)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = name(byId.get(at)!);
      if (!seen.has(n)) total.set(n, (total.get(n) ?? 0) + 1);
      seen.add(n);
    }
  }
  const count = Number(countArg ?? 15);
  const pct = (n: number) => `${((100 * n) / active).toFixed(1).padStart(5)}%`;
  const idle = profile.samples.length - active;
  console.log(`${file}: ${active} busy samples, ${idle} idle (${((100 * idle) / profile.samples.length).toFixed(0)}% idle)`);
  console.log('self:');
  for (const [n, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`  ${pct(c)}  ${n}`);
  console.log('total (self + callees), without the event loop roots:');
  for (const [n, c] of [...total].sort((a, b) => b[1] - a[1]).filter(([fn]) => !/^\((root|program)\)|processTicksAndRejections|^listOnTimeout|^processTimers/.test(fn)).slice(0, count)) {
    console.log(`  ${pct(c)}  ${n}`);
  }
}

main();
