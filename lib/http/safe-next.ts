/** A same-site path, or "/" — never another origin ("//evil.example", "https://…"). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
