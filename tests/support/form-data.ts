// FormData as a browser's form would post it, for calling server actions in tests: a list value
// becomes repeated fields (checkboxes, multi-selects).
export function form(values: Record<string, string | number | readonly (string | number)[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const item of v) f.append(k, String(item));
    else f.set(k, String(v));
  }
  return f;
}
