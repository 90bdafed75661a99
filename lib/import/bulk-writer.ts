// Writes validated rows into a staging table as fast as the driver allows, in bounded memory:
// PostgreSQL (postgres.js): COPY … FROM STDIN, honouring the socket's back-pressure;
// embedded PGlite: multi-row INSERTs of a few hundred rows (its COPY reads one whole blob).
import type { Db } from "@/db/client";

export type BulkValue = string | number | null;

export interface BulkWriter {
  /** Buffers a row; returns a promise only when the buffer is being sent (await it then). */
  add(values: readonly BulkValue[]): Promise<void> | undefined;
  /** Sends what is buffered and ends the COPY. */
  close(): Promise<void>;
  /** Abandons the COPY (on an unexpected error). */
  abort(error: Error): void;
}

interface PostgresJsClient {
  unsafe(query: string, params?: unknown[]): PromiseLike<unknown> & { writable(): Promise<NodeJS.WritableStream & import("node:stream").Writable> };
  reserve: unknown;
}
interface PgliteClient {
  query(query: string, params?: unknown[]): Promise<unknown>;
}

/** The driver behind a drizzle handle (drizzle keeps it as `$client`). */
export function driverOf(db: Db): { kind: "postgres"; client: PostgresJsClient } | { kind: "pglite"; client: PgliteClient } {
  const client = (db as unknown as { $client: unknown }).$client as Record<string, unknown>;
  if (typeof client === "function" && "reserve" in client) return { kind: "postgres", client: client as unknown as PostgresJsClient };
  return { kind: "pglite", client: client as unknown as PgliteClient };
}

const COPY_CHUNK = 256 * 1024;
const INSERT_ROWS = 500;

/** COPY text format: tab-separated, \N for null, backslash escapes. */
function copyField(v: BulkValue): string {
  if (v === null) return "\\N";
  if (typeof v === "number") return String(v);
  const s = v;
  return /[\t\n\r\\]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s;
}

/** `table` and `columns` are our own identifiers (never user input). */
export async function openBulkWriter(db: Db, table: string, columns: readonly string[]): Promise<BulkWriter> {
  const driver = driverOf(db);
  const columnList = columns.map((c) => `"${c}"`).join(", ");
  if (driver.kind === "postgres") {
    const writable = await driver.client.unsafe(`copy "${table}" (${columnList}) from stdin`).writable();
    let failure: Error | null = null;
    writable.on("error", (e: Error) => {
      failure = e;
    });
    let buffer = "";
    const send = async (chunk: string) => {
      if (failure) throw failure;
      if (!writable.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            writable.off("error", onError);
            resolve();
          };
          const onError = (e: Error) => {
            writable.off("drain", onDrain);
            reject(e);
          };
          writable.once("drain", onDrain);
          writable.once("error", onError);
        });
      }
    };
    return {
      add(values) {
        let line = "";
        for (let i = 0; i < values.length; i++) line += (i > 0 ? "\t" : "") + copyField(values[i]!);
        buffer += line + "\n";
        if (buffer.length < COPY_CHUNK) return undefined;
        const chunk = buffer;
        buffer = "";
        return send(chunk);
      },
      async close() {
        if (buffer) await send(buffer);
        buffer = "";
        await new Promise<void>((resolve, reject) => {
          writable.once("finish", resolve);
          writable.once("error", reject);
          writable.end();
        });
        if (failure) throw failure;
      },
      abort(error) {
        writable.destroy(error);
      },
    };
  }
  const client = driver.client;
  let rows: BulkValue[][] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const params: BulkValue[] = [];
    const tuples = rows.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(",")})`);
    rows = [];
    await client.query(`insert into "${table}" (${columnList}) values ${tuples.join(",")}`, params);
  };
  return {
    add(values) {
      rows.push([...values]);
      return rows.length >= INSERT_ROWS ? flush() : undefined;
    },
    close: flush,
    abort() {
      rows = [];
    },
  };
}
