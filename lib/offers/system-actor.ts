import type { Actor } from "@/lib/auth/actor";

/** The actor of what the waitlist and the offers do by themselves (audit: actor_kind system). */
export function actorForSystem(name: "waitlist" | "offers"): Actor {
  return { kind: "system", name };
}
