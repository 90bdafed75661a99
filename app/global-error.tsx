"use client";
// The root layout itself failed: the same clear page, with its own <html>.
import { ServiceUnavailable } from "@/components/service-unavailable";
import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="ja">
      <body className="min-h-screen">
        <ServiceUnavailable retry={reset} />
      </body>
    </html>
  );
}
