"use client";
// Camera scanning where the browser has the Shape Detection API (BarcodeDetector: Chrome on
// Android and ChromeOS, Safari 17+ on iPad). Elsewhere the button is not shown: the scanner
// or typing into the field does the same.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | null {
  if (typeof window === "undefined") return null;
  return ((window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector ?? null);
}

function cameraAvailable(): boolean {
  return detectorClass() !== null && !!navigator.mediaDevices?.getUserMedia;
}

function noSubscription(): () => void {
  return () => {};
}

export function CameraScan({ onCode }: { onCode: (text: string) => void }) {
  // Known only in the browser: false on the server and in the first render, then the real answer.
  const available = useSyncExternalStore(noSubscription, cameraAvailable, () => false);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    if (!open) return;
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ["qr_code", "code_128", "itf", "ean_13"] });
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        const video = videoRef.current;
        if (!video || stopped) return;
        video.srcObject = stream;
        await video.play();
        while (!stopped) {
          const codes = await detector.detect(video).catch(() => []);
          const text = codes[0]?.rawValue;
          if (text) {
            onCodeRef.current(text);
            setOpen(false);
            return;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } catch {
        setProblem("カメラを使えませんでした。スキャナーか手入力をお使いください。");
        setOpen(false);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open]);

  if (!available) return null;
  return (
    <div>
      <button type="button" className="btn-secondary" aria-expanded={open} onClick={() => { setProblem(null); setOpen((o) => !o); }}>
        {open ? "カメラを閉じる" : "カメラで読み取る"}
      </button>
      {open && <video ref={videoRef} muted playsInline aria-label="カメラの映像（QRコードを枠内に写してください）" className="mt-2 w-72 rounded-md border" />}
      {problem && <p role="alert" className="text-sm font-bold text-red-700">{problem}</p>}
    </div>
  );
}
