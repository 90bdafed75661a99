// The municipality's settings for one page request. The layout and the page both show them;
// React's cache() makes that one read (a version check, lib/booking/context.ts) per request.
import { cache } from "react";
import { getResidentDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";

export const requestSettings = cache(async () => loadSettings(await getResidentDb()));
