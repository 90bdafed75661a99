// The benchmark scripts' command-line flags: `--name value` and bare `--switch`.
const args = process.argv.slice(2);

/** The value after `--name`, or `fallback` when the flag or its value is absent. */
export function flag(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

/** Whether `--name` was given. */
export function has(name: string): boolean {
  return args.includes(`--${name}`);
}
