// The offer page's frame (/offers/<token>): public — the link is the resident's credential, like a
// password-reset link — so it lives outside the resident login and the waiting room (proxy.ts
// does not match /offers), and opens the same inside LINE's browser.
import { ResidentFrame } from "@/components/resident/resident-frame";

export const dynamic = "force-dynamic";

export default function OffersLayout({ children }: { children: React.ReactNode }) {
  return <ResidentFrame>{children}</ResidentFrame>;
}
