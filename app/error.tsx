"use client";
// A page or server action failed unexpectedly (typically: the database is briefly unreachable).
// The resident gets a clear Japanese page with a way to retry, never a bare error.
import { useEffect } from "react";
import { ServiceUnavailable } from "@/components/service-unavailable";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <ServiceUnavailable retry={reset} />;
}
