// The LIFF pages' frame (inside LINE): only the steps that tie a LINE user to vouchers live
// here; everything after them is the resident site's own pages (/mypage, /slots, …).
import { ResidentFrame } from "@/components/resident/resident-frame";

export const dynamic = "force-dynamic";

export default function LiffLayout({ children }: { children: React.ReactNode }) {
  return <ResidentFrame languageSwitch={false}>{children}</ResidentFrame>;
}
