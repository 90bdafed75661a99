/** The call-center number as a tap-to-call link. */
export function PhoneLink({ phone, className = "" }: { phone: string; className?: string }) {
  return (
    <a href={`tel:${phone.replace(/[^0-9+]/g, "")}`} className={`text-[var(--color-brand)] underline ${className}`}>
      {phone}
    </a>
  );
}

/** The call-center number with its hours beside it; nothing while the municipality has set no number. */
export function CallCenterLine({ callCenter, className }: { callCenter: { callCenterPhone: string; callCenterHours: string }; className: string }) {
  if (!callCenter.callCenterPhone) return null;
  return (
    <p className={className}>
      <PhoneLink phone={callCenter.callCenterPhone} />
      <span className="ml-2 text-sm font-normal text-[var(--color-muted)]">{callCenter.callCenterHours}</span>
    </p>
  );
}
