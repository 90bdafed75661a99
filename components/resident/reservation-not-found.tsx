import Link from "next/link";

/**
 * A reservation page for a number the resident does not hold (or that does not exist: the two
 * read alike, so nobody learns another voucher's numbers).
 */
export function ReservationNotFound({ title, text, backLabel }: { title: string; text: string; backLabel: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p>{text}</p>
      <Link href="/mypage" className="btn-secondary w-full">
        {backLabel}
      </Link>
    </div>
  );
}
