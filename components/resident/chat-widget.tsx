"use client";
// The FAQ chatbot on every resident page: a button that opens a small panel, suggested
// questions, and the answers of POST /api/chatbot (issue 6). Keyboard: the button toggles,
// focus goes to the question box, Escape closes and returns focus to the button.
import { useEffect, useId, useRef, useState } from "react";
import { useMessages } from "@/lib/i18n/client";

interface ChatAnswer {
  answer: string;
  faqId: string | null;
  confidence: number;
  handoff: boolean;
}

type Line = { from: "you" | "bot"; text: string; handoff?: boolean };

export function ChatWidget({ callCenterPhone }: { callCenterPhone: string }) {
  const { m } = useMessages();
  const t = m.chat;
  const [open, setOpen] = useState(false);
  const [lines, setLines] = useState<Line[]>([]);
  const [question, setQuestion] = useState("");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLOListElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [lines]);

  function close() {
    setOpen(false);
    toggle.current?.focus();
  }

  async function ask(text: string) {
    const message = text.trim();
    if (!message) {
      setProblem(t.empty);
      return;
    }
    setProblem(null);
    setPending(true);
    setLines((l) => [...l, { from: "you", text: message }]);
    setQuestion("");
    try {
      const res = await fetch("/api/chatbot", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message }),
      });
      if (res.status === 429) {
        setProblem(t.tooMany);
      } else if (!res.ok) {
        setProblem(t.error);
      } else {
        const answer = (await res.json()) as ChatAnswer;
        setLines((l) => [...l, { from: "bot", text: answer.answer, handoff: answer.handoff }]);
      }
    } catch {
      setProblem(t.error);
    } finally {
      setPending(false);
      input.current?.focus();
    }
  }

  return (
    <div className="fixed bottom-4 right-4 z-20 flex flex-col items-end gap-2">
      {open && (
        <section
          id={panelId}
          aria-labelledby={`${panelId}-title`}
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
          className="flex max-h-[75vh] w-[min(92vw,24rem)] flex-col rounded-lg border-2 border-[var(--color-brand)] bg-white shadow-xl"
        >
          <div className="flex items-center justify-between border-b border-[var(--color-line)] px-3 py-2">
            <h2 id={`${panelId}-title`} className="font-bold">
              {t.title}
            </h2>
            <button type="button" className="btn-secondary min-h-0 px-3 py-1 text-sm" onClick={close}>
              {t.close}
            </button>
          </div>
          <div className="flex-1 space-y-3 overflow-y-auto px-3 py-2">
            <p className="text-sm text-[var(--color-muted)]">{t.intro}</p>
            {lines.length === 0 && (
              <div>
                <h3 className="mb-1 text-sm font-bold">{t.suggestions}</h3>
                <ul className="flex flex-wrap gap-2">
                  {t.suggested.map((s) => (
                    <li key={s}>
                      <button type="button" className="rounded-full border-2 border-[var(--color-brand)] px-3 py-1 text-sm text-[var(--color-brand)]" onClick={() => ask(s)} disabled={pending}>
                        {s}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <ol ref={log} aria-live="polite" aria-relevant="additions" className="space-y-2">
              {lines.map((line, i) => (
                <li key={i} className={line.from === "you" ? "ml-8 rounded-lg bg-blue-50 p-2" : "mr-4 rounded-lg bg-slate-100 p-2"}>
                  <span className="sr-only">{line.from === "you" ? t.you : t.bot}: </span>
                  <p className="whitespace-pre-line text-sm">{line.text}</p>
                  {line.handoff && callCenterPhone && (
                    <a href={`tel:${callCenterPhone.replace(/[^0-9+]/g, "")}`} className="mt-1 inline-block font-bold text-[var(--color-brand)] underline">
                      {callCenterPhone}
                    </a>
                  )}
                </li>
              ))}
            </ol>
            <p aria-live="polite" className="text-sm text-[var(--color-muted)]">
              {pending ? t.sending : ""}
            </p>
            {problem && (
              <p role="alert" className="text-sm font-bold text-red-700">
                {problem}
              </p>
            )}
          </div>
          <form
            className="flex gap-2 border-t border-[var(--color-line)] p-2"
            onSubmit={(e) => {
              e.preventDefault();
              void ask(question);
            }}
          >
            <label htmlFor={`${panelId}-q`} className="sr-only">
              {t.inputLabel}
            </label>
            <input
              id={`${panelId}-q`}
              ref={input}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              maxLength={500}
              autoComplete="off"
              placeholder={t.inputLabel}
              className="field-input min-w-0 flex-1"
            />
            <button type="submit" className="btn-primary px-4" disabled={pending}>
              {t.send}
            </button>
          </form>
        </section>
      )}
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        className="btn-primary rounded-full px-5 shadow-lg"
      >
        {open ? t.close : t.open}
      </button>
    </div>
  );
}
