// Waiting-room settings from the environment (one deployment = one municipality).
//   ADMISSION=off             no waiting room (every resident goes straight in)
//   ADMISSION_RATE=6          new residents let in per second, across all app instances (see below)
//   ADMISSION_BURST=6         how many may arrive at once before the queue starts (default: 1 s of the rate;
//                             waiting tickets are served at the full rate regardless, lib/admission/gate.ts)
//   ADMISSION_PASS_MINUTES=30 how long a let-in resident browses before being checked again
//                             (renewed while they are active, so nobody is queued mid-booking)
export interface AdmissionConfig {
  enabled: boolean;
  ratePerSecond: number;
  burst: number;
  passMs: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * The default rate is sized for the 2-core benchmark machine, which the app instances share with
 * PostgreSQL and the load generator (bench/perf/pages-cpu.ts, bench/rush/run.ts, docs/rush.md):
 * one resident's way through (waiting room, login, My page, availability, booking page, review,
 * confirm, the reservation) costs about 0.1 s of app (Next.js) CPU, so 2 cores serve at most
 * 15–20 residents per second flat out. At 10/s the admitted residents' requests already queued
 * behind each other (p50 ≈ 0.24 s); at 6/s p50 was 0.05–0.12 s, with the headroom that keeps p99 short
 * when the 256 who arrive at once meet the waiting room. For another deployment:
 * ADMISSION_RATE ≈ 0.5 × cores for the app / 0.1 s, or measure with bench/rush/run.ts at a few
 * --admission-rate values and keep the highest whose `past the queue` p99 is acceptable.
 */
const DEFAULT_RATE = 6;

export function admissionConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig {
  const ratePerSecond = positive(env.ADMISSION_RATE, DEFAULT_RATE);
  return {
    enabled: env.ADMISSION !== "off",
    ratePerSecond,
    burst: Math.max(1, Math.floor(positive(env.ADMISSION_BURST, ratePerSecond))),
    passMs: positive(env.ADMISSION_PASS_MINUTES, 30) * 60_000,
  };
}
