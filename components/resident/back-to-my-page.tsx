import Link from "next/link";

/** The way home under a search page's results. */
export function BackToMyPage({ label }: { label: string }) {
  return (
    <p>
      <Link href="/mypage" className="text-[var(--color-brand)] underline">
        {label}
      </Link>
    </p>
  );
}
