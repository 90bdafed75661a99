"use client";
// The time left to answer, counted down while the page is open.
import { useEffect, useState } from "react";
import { useMessages } from "@/lib/i18n/client";

function minutesLeft(expiresAt: number, now: number): number {
  return Math.ceil((expiresAt - now) / 60_000);
}

export function TimeLeft({ expiresAt, initialMinutes }: { expiresAt: string; initialMinutes: number }) {
  const { m } = useMessages();
  const [minutes, setMinutes] = useState(initialMinutes);
  useEffect(() => {
    const end = Date.parse(expiresAt);
    const tick = () => setMinutes(minutesLeft(end, Date.now()));
    tick();
    const timer = setInterval(tick, 15_000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return (
    <span role="timer" className="font-bold">
      {minutes > 0 ? m.waitlist.timeLeft(minutes) : m.waitlist.timeUp}
    </span>
  );
}
