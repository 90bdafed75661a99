"use server";
import { redirect } from "next/navigation";
import { endResidentSession } from "@/lib/resident/session";

export async function residentLogoutAction(): Promise<void> {
  await endResidentSession();
  redirect("/");
}
