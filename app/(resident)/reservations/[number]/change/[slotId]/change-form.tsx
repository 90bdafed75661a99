"use client";
import Link from "next/link";
import { OneButtonForm } from "@/components/resident/one-button-form";
import { useMessages } from "@/lib/i18n/client";
import type { ChangeFormState } from "./actions";

interface Props {
  reservationNumber: string;
  slotId: number;
  action: (prev: ChangeFormState, form: FormData) => Promise<ChangeFormState>;
}

/** The confirmation's one button; a refusal shows above it, the way back to the picker below. */
export function ChangeForm({ reservationNumber, slotId, action }: Props) {
  const { m } = useMessages();
  const t = m.manage;
  return (
    <OneButtonForm
      action={action}
      hidden={{ number: reservationNumber, slotId }}
      submitLabel={t.confirmChange}
      pendingLabel={t.changing}
      submitClassName="btn-primary w-full text-lg"
    >
      {/* After a refusal this is the way on: back to the picker for another slot. */}
      <Link href={`/reservations/${reservationNumber}/change`} className="btn-secondary w-full">
        {t.chooseAgain}
      </Link>
    </OneButtonForm>
  );
}
