"use client";
import Link from "next/link";
import { OneButtonForm } from "@/components/resident/one-button-form";
import { useMessages } from "@/lib/i18n/client";
import type { CancelFormState } from "./actions";

interface Props {
  reservationNumber: string;
  action: (prev: CancelFormState, form: FormData) => Promise<CancelFormState>;
}

/** The cancellation's one button, and 「キャンセルしない」 back to the reservation. */
export function CancelForm({ reservationNumber, action }: Props) {
  const { m } = useMessages();
  const t = m.manage;
  return (
    <OneButtonForm
      action={action}
      hidden={{ number: reservationNumber }}
      submitLabel={t.confirmCancel}
      pendingLabel={t.cancelling}
      submitClassName="inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-red-700 px-6 py-3 text-lg font-bold text-white hover:bg-red-800 disabled:opacity-60"
    >
      <Link href={`/reservations/${reservationNumber}`} className="btn-secondary w-full">
        {t.keep}
      </Link>
    </OneButtonForm>
  );
}
