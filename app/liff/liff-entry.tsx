"use client";
// The LIFF entry: @line/liff is loaded only here in the browser (dynamic import), initialised,
// logged in if needed, and its ID token sent to our server, which has LINE verify it and says
// where to go. With LIFF_MOCK (development and tests) @line/liff-mock stands in for LINE.
import { useEffect, useState } from "react";
import type { LiffDestination } from "@/lib/line/liff-destination";

/** The mock's ID token: the fake LINE Platform (tests/support/fake-line.ts) verifies "fake.<user id>". */
const MOCK_ID_TOKEN_KEY = "liffMockIdToken";
const DEFAULT_MOCK_ID_TOKEN = `fake.U${"0".repeat(31)}1`;

interface Props {
  liffId: string;
  mock: boolean;
  to: LiffDestination;
}

export function LiffEntry({ liffId, mock, to }: Props) {
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { default: liff } = await import("@line/liff");
      if (mock) {
        const { LiffMockPlugin } = await import("@line/liff-mock");
        liff.use(new LiffMockPlugin());
        await liff.init({ liffId, mock: true } as Parameters<typeof liff.init>[0]);
        const idToken = window.localStorage.getItem(MOCK_ID_TOKEN_KEY) || DEFAULT_MOCK_ID_TOKEN;
        (liff as unknown as { $mock: { set: (f: (p: object) => object) => void } }).$mock.set((p) => ({ ...p, isLoggedIn: true, getIDToken: idToken }));
      } else {
        await liff.init({ liffId });
      }
      if (!liff.isLoggedIn()) {
        // Outside the LINE app: LINE Login, then back here.
        liff.login({ redirectUri: window.location.href });
        return;
      }
      const idToken = liff.getIDToken();
      if (!idToken) throw new Error("no ID token (is the openid scope enabled for the LIFF app?)");
      const response = await fetch("/api/line/liff-session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ idToken, to }),
      });
      const result = (await response.json().catch(() => null)) as { next?: string; message?: string } | null;
      if (cancelled) return;
      if (!response.ok || !result?.next) {
        setError(result?.message ?? "LINEでの本人確認ができませんでした。もう一度開いてください。");
        return;
      }
      window.location.replace(result.next);
    })().catch((e: unknown) => {
      console.error("[liff]", e);
      if (!cancelled) setError("LINEの画面を準備できませんでした。LINEアプリからもう一度開いてください。");
    });
    return () => {
      cancelled = true;
    };
  }, [liffId, mock, to]);

  if (error) {
    return (
      <div role="alert" className="space-y-3 rounded-lg border-2 border-red-700 bg-red-50 p-4">
        <p className="font-bold text-red-900">{error}</p>
        <p>
          ウェブサイトからもログインできます: <a href="/login">接種券番号でログイン</a>
        </p>
      </div>
    );
  }
  return (
    <p role="status" aria-live="polite" className="rounded-lg bg-white p-4 shadow-sm">
      LINEの情報を確認しています…
    </p>
  );
}
