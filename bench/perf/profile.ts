// Reading a V8 CPU profile (node --cpu-prof, as bench/rush's instances write with RUSH_CPU_PROF):
// the samples inside given windows of CLOCK_MONOTONIC time (shared by every process on the
// machine, so a window measured with process.hrtime in the load generator matches the profile's
// own timestamps), as self and inclusive time per function and socket writes by writer.
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/.*node_modules\//, "").replace(/.*\.next\//, ".next/");
  return `${functionName || "(anonymous)"} ${file}${file ? `:${lineNumber}` : ""}`;
}

/** Self and inclusive time per function for the samples inside `windows` ([from, to], µs, monotonic). */
export function analyse(profile: Profile, windows: [number, number][]) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // Socket writes (the system call and, on loopback, the receiver's side of TCP) by who wrote.
  const writes = new Map<string, number>();
  let at = profile.startTime;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const d = profile.timeDeltas[i + 1] ?? 0;
    if (!windows.some(([from, to]) => at >= from && at <= to)) continue;
    const leaf = byId.get(profile.samples[i]!)!;
    if (leaf.callFrame.functionName === "(idle)") continue;
    busy += d;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + d);
    if (/^(writeBuffer|writev|writeUtf8String|writeLatin1String)$/.test(leaf.callFrame.functionName)) {
      let by = "other";
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const url = byId.get(id)!.callFrame.url;
        if (url.includes("postgres/src")) by = "postgres.js (to the database)";
        else if (url.includes("_http_outgoing") && by === "other") by = "http (to the browser)";
      }
      writes.set(by, (writes.get(by) ?? 0) + d);
    }
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + d);
    }
  }
  return { busy, self, inclusive, writes };
}

/** The `top` largest entries of `m`, per unit of work (`units`: confirms, requests) and as a share of `busy`. */
export function table(m: Map<string, number>, busy: number, units: number, top: number): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([l, us]) => `${(us / 1000 / units).toFixed(3).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${l.slice(0, 140)}`)
    .join("\n");
}
