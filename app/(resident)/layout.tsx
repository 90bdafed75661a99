import { ResidentFrame } from "@/components/resident/resident-frame";

export const dynamic = "force-dynamic";

export default function ResidentLayout({ children }: { children: React.ReactNode }) {
  return <ResidentFrame chat>{children}</ResidentFrame>;
}
