// Waiting-room settings from the environment (one deployment = one municipality).
//   ADMISSION=off             no waiting room (every resident goes straight in)
//   ADMISSION_RATE=50         new residents let in per second, across all app instances
//   ADMISSION_BURST=200       how many may arrive at once before the queue starts
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

export function admissionConfig(env: Record<string, string | undefined> = process.env): AdmissionConfig {
  const ratePerSecond = positive(env.ADMISSION_RATE, 50);
  return {
    enabled: env.ADMISSION !== "off",
    ratePerSecond,
    burst: Math.max(1, Math.floor(positive(env.ADMISSION_BURST, ratePerSecond * 4))),
    passMs: positive(env.ADMISSION_PASS_MINUTES, 30) * 60_000,
  };
}
