// What a resident sees when a page or an action fails unexpectedly (app/error.tsx,
// app/global-error.tsx), most often because the database cannot be reached for a moment.
// It must not need the database: the call-center number comes from the build
// (NEXT_PUBLIC_CALL_CENTER_PHONE), since the municipality's settings may be the very thing
// that cannot be read.
import { PhoneLink } from "@/components/resident/phone-link";

const CALL_CENTER_PHONE = process.env.NEXT_PUBLIC_CALL_CENTER_PHONE ?? "";

export function ServiceUnavailable({ retry }: { retry: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-2xl px-4 py-10" data-error-page="unavailable">
      <h1 className="text-xl font-bold">ただいまご利用いただけません</h1>
      <p className="mt-4">
        システムに一時的に接続できません。お手数ですが、しばらくしてからもう一度お試しください。
        予約の手続き中だった方は、予約が完了しているかどうかをマイページでご確認ください。
      </p>
      <p className="mt-4">
        {CALL_CENTER_PHONE ? (
          <>
            お急ぎの方はコールセンター（<PhoneLink phone={CALL_CENTER_PHONE} className="font-bold" />）にお電話ください。
          </>
        ) : (
          "お急ぎの方は市のコールセンターにお電話ください。"
        )}
      </p>
      <p lang="en" className="mt-4 text-sm text-[var(--color-muted)]">
        The service is temporarily unavailable. Please try again in a moment.
      </p>
      <button type="button" onClick={retry} className="mt-6 rounded bg-[var(--color-brand)] px-4 py-2 font-bold text-white">
        もう一度試す
      </button>
    </main>
  );
}
