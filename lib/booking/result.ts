// Expected refusals are values, not exceptions. Inside a transaction a refusal is
// thrown as RefusalError so the transaction rolls back whole, then returned as a value.

export interface Refused<C extends string = string> {
  ok: false;
  code: C;
  reason: string;
  /** The values in `reason`, for other languages (lib/i18n/refusals). */
  params?: Record<string, string | number>;
}

export type Result<T, C extends string = string> = ({ ok: true } & T) | Refused<C>;

export class RefusalError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly details?: unknown,
    readonly params?: Record<string, string | number>,
  ) {
    super(reason);
    this.name = "RefusalError";
  }
}

export function refusal(code: string, reason: string, details?: unknown, params?: Record<string, string | number>): never {
  throw new RefusalError(code, reason, details, params);
}

/** Runs `work`; a RefusalError (or a unique/check violation the caller maps) becomes a Refused value. */
export async function asResult<T extends object>(
  work: () => Promise<T>,
  mapDbError?: (e: unknown) => Refused | null,
): Promise<({ ok: true } & T) | (Refused & { details?: unknown })> {
  try {
    const value = await work();
    return { ok: true, ...value };
  } catch (e) {
    if (e instanceof RefusalError) return { ok: false, code: e.code, reason: e.reason, details: e.details, params: e.params };
    const mapped = mapDbError?.(e);
    if (mapped) return mapped;
    throw e;
  }
}

/** The PostgreSQL error code of an error from postgres.js or PGlite, possibly wrapped by drizzle. */
export function pgErrorCode(e: unknown): { code?: string; constraint?: string } {
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const err = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code)) {
      const constraint =
        typeof err.constraint_name === "string"
          ? err.constraint_name
          : typeof err.constraint === "string"
            ? err.constraint
            : undefined;
      return { code: err.code, constraint };
    }
    current = err.cause;
  }
  return {};
}
