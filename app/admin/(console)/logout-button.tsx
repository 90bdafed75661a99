"use client";
import { signOut } from "next-auth/react";

export function LogoutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/admin/login" })} className="rounded-md border border-white/70 px-3 py-2 text-sm font-bold text-white">
      ログアウト
    </button>
  );
}
