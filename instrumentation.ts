// Runs once when the server starts (next start / next dev, not next build): open the
// database and apply pending migrations before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDatabase } = await import("./db/client");
    const database = await getDatabase();
    console.log(`[db] ${database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite"} ready, migrations applied`);
  }
}
