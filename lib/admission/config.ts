// Waiting-room settings from the environment (one deployment = one municipality).
//   ADMISSION=off             no waiting room (every resident goes straight in)
//   ADMISSION_RATE=8          new residents let in per second, across all app instances (see below)
//   ADMISSION_BURST=32        how many may arrive at once before the queue starts (default 4 × rate)
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
 * The default rate is sized for the 2-core benchmark machine (bench/perf/pages-cpu.ts): one
 * resident's way through (waiting room, login, availability, booking page, review, confirm)
 * costs about 0.12 s of app (Next.js) CPU plus a few ms of PostgreSQL CPU, so 2 cores serve about
 * 15 residents per second flat out; half of that leaves the headroom that keeps queues, and so
 * p99, short. For another deployment: ADMISSION_RATE ≈ 0.5 × cores for the app / 0.13 s, or
 * measure with bench/rush/run.ts at a few --admission-rate values.
 */
const DEFAULT_RATE = 8;

export function admissionConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig {
  const ratePerSecond = positive(env.ADMISSION_RATE, DEFAULT_RATE);
  return {
    enabled: env.ADMISSION !== "off",
    ratePerSecond,
    burst: Math.max(1, Math.floor(positive(env.ADMISSION_BURST, ratePerSecond * 4))),
    passMs: positive(env.ADMISSION_PASS_MINUTES, 30) * 60_000,
  };
}
