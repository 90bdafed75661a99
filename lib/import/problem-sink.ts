// Problems go to the database in batches as they are found, so a file with a million bad
// lines still runs in bounded memory.
import { countDistinct, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importProblems } from "@/db/schema";
import type { ImportProblem } from "./types";

const BATCH = 1000;

export class ProblemSink {
  private buffer: ImportProblem[] = [];
  private lastLine = 0;
  /** distinct lines reported through add() (lines are added in file order) */
  lines = 0;

  constructor(
    private readonly db: Db,
    private readonly jobId: number | null,
  ) {}

  add(line: number, column: string, reason: string): void {
    const problem = { line, column, reason };
    if (line !== this.lastLine) {
      this.lines++;
      this.lastLine = line;
    }
    this.buffer.push(problem);
  }

  get empty(): boolean {
    return this.lines === 0;
  }

  async flushIfFull(): Promise<void> {
    if (this.buffer.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0 || this.jobId === null) {
      this.buffer = [];
      return;
    }
    const rows = this.buffer.map((p) => ({ jobId: this.jobId!, line: p.line, column: p.column, reason: p.reason }));
    this.buffer = [];
    await this.db.insert(importProblems).values(rows);
  }

  /** Distinct bad lines of the job, counting problems added in SQL too. */
  async countLines(): Promise<number> {
    await this.flush();
    if (this.jobId === null) return this.lines;
    const [row] = await this.db.select({ n: countDistinct(importProblems.line) }).from(importProblems).where(eq(importProblems.jobId, this.jobId));
    return Number(row?.n ?? 0);
  }
}
