// The call center at the foot of every resident page (web and LIFF): who to call, the number, the hours.
import type { Messages } from "@/lib/i18n";
import { PhoneLink } from "./phone-link";

export function CallCenterFooter({
  m,
  municipalityName,
  phone,
  hours,
  roomForChat = false,
}: {
  m: Messages;
  municipalityName: string;
  phone: string;
  hours: string;
  /** leaves room under the text for the floating chat button, so it never covers the number */
  roomForChat?: boolean;
}) {
  return (
    <footer className="border-t border-[var(--color-line)] bg-white">
      <div className={`mx-auto max-w-2xl px-4 text-sm text-[var(--color-muted)] ${roomForChat ? "pb-20 pt-4" : "py-4"}`}>
        <p className="font-bold text-[var(--color-ink)]">{m.common.callCenter(municipalityName)}</p>
        {phone && (
          <p>
            {m.common.phone}: <PhoneLink phone={phone} className="font-bold" />
          </p>
        )}
        {hours && (
          <p>
            {m.common.hours}: {hours}
          </p>
        )}
      </div>
    </footer>
  );
}
