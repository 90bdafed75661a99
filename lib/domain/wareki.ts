// 和暦 shown beside 西暦 on birth-date inputs: many older residents know their birth year as 昭和.

const ERAS = [
  { name: "令和", start: "2019-05-01" },
  { name: "平成", start: "1989-01-08" },
  { name: "昭和", start: "1926-12-25" },
  { name: "大正", start: "1912-07-30" },
  { name: "明治", start: "1868-01-25" },
] as const;

/** 「昭和25年」 for 1950-04-01; 元年 for an era's first year. Null before 明治. */
export function warekiOf(date: string): string | null {
  const era = ERAS.find((e) => date >= e.start);
  if (!era) return null;
  const year = Number(date.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? "元" : year}年`;
}

/** The 和暦 of a 西暦 year for the year input alone: both eras when the year straddles two (「昭和64年/平成元年」). */
export function warekiOfYear(year: number): string | null {
  if (!Number.isInteger(year) || year < 1868 || year > 9999) return null;
  const first = warekiOf(`${year}-01-01`);
  const last = warekiOf(`${year}-12-31`);
  if (!last) return null;
  return first && first !== last ? `${first}/${last}` : last;
}
