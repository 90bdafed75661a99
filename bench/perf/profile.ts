// Reading a V8 CPU profile (node --cpu-prof, as bench/rush's instances write with RUSH_CPU_PROF):
// the samples inside given windows of CLOCK_MONOTONIC time (shared by every process on the
// machine, so a window measured with process.hrtime in the load generator matches the profile's
// own timestamps), as self and inclusive time per function and socket writes by writer.
import fs from "node:fs";
import path from "node:path";

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

/**
 * Self and inclusive time per function for the samples inside `windows` ([from, to], µs,
 * monotonic), summed over `profiles` (one per app instance).
 */
export function analyse(profiles: Profile[], windows: [number, number][]) {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // Socket writes (the system call and, on loopback, the receiver's side of TCP) by who wrote.
  const writes = new Map<string, number>();
  const add = (m: Map<string, number>, key: string, us: number) => m.set(key, (m.get(key) ?? 0) + us);
  let busy = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    let at = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      at += profile.timeDeltas[i] ?? 0;
      const d = profile.timeDeltas[i + 1] ?? 0;
      if (!windows.some(([from, to]) => at >= from && at <= to)) continue;
      const leaf = byId.get(profile.samples[i]!)!;
      if (leaf.callFrame.functionName === "(idle)") continue;
      busy += d;
      add(self, label(leaf), d);
      if (/^(writeBuffer|writev|writeUtf8String|writeLatin1String)$/.test(leaf.callFrame.functionName)) {
        let by = "other";
        for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
          const url = byId.get(id)!.callFrame.url;
          if (url.includes("postgres/src")) by = "postgres.js (to the database)";
          else if (url.includes("_http_outgoing") && by === "other") by = "http (to the browser)";
        }
        add(writes, by, d);
      }
      const seen = new Set<string>();
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const l = label(byId.get(id)!);
        if (seen.has(l)) continue;
        seen.add(l);
        add(inclusive, l, d);
      }
    }
  }
  return { busy, self, inclusive, writes };
}

/** Every `.cpuprofile` in `dir` (node --cpu-prof --cpu-prof-dir). */
export function readProfiles(dir: string): Profile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Profile);
}

/** The `top` largest entries of `m`, per unit of work (`units`: confirms, requests) and as a share of `busy`. */
function table(m: Map<string, number>, busy: number, units: number, top: number): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([l, us]) => `${(us / 1000 / units).toFixed(3).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${l.slice(0, 140)}`)
    .join("\n");
}

/** The CPU per unit of work (`unit`: "confirm", "arrival") and the three tables of `analyse`'s result. */
export function printBreakdown(result: ReturnType<typeof analyse>, units: number, unit: string, top: number): void {
  const { busy, self, inclusive, writes } = result;
  console.log(`server CPU per ${unit} (profile samples): ${(busy / 1000 / units).toFixed(2)} ms`);
  console.log(`\n--- socket writes per ${unit}\n${table(writes, busy, units, top)}`);
  console.log(`\n--- self time per ${unit}\n${table(self, busy, units, top)}`);
  console.log(`\n--- inclusive time per ${unit}\n${table(inclusive, busy, units, top)}`);
}
