/** The call-center number as a tap-to-call link. */
export function PhoneLink({ phone, className = "" }: { phone: string; className?: string }) {
  return (
    <a href={`tel:${phone.replace(/[^0-9+]/g, "")}`} className={`text-[var(--color-brand)] underline ${className}`}>
      {phone}
    </a>
  );
}
