// The message catalogue: one object per language, one file per page area (namespace).
// English is typed as the Japanese catalogue, so a missing or misspelt message fails to compile.
import type { Locale } from "../config";
import { booking as enBooking } from "./en/booking";
import { chat as enChat } from "./en/chat";
import { common as enCommon } from "./en/common";
import { done as enDone } from "./en/done";
import { group as enGroup } from "./en/group";
import { landing as enLanding } from "./en/landing";
import { leftover as enLeftover } from "./en/leftover";
import { login as enLogin } from "./en/login";
import { manage as enManage } from "./en/manage";
import { mypage as enMypage } from "./en/mypage";
import { refusals as enRefusals } from "./en/refusals";
import { search as enSearch } from "./en/search";
import { waitlist as enWaitlist } from "./en/waitlist";
import { booking } from "./ja/booking";
import { chat } from "./ja/chat";
import { common } from "./ja/common";
import { done } from "./ja/done";
import { group } from "./ja/group";
import { landing } from "./ja/landing";
import { leftover } from "./ja/leftover";
import { login } from "./ja/login";
import { manage } from "./ja/manage";
import { mypage } from "./ja/mypage";
import { refusals } from "./ja/refusals";
import { search } from "./ja/search";
import { waitlist } from "./ja/waitlist";

const ja = { common, refusals, landing, login, mypage, search, booking, done, manage, group, chat, leftover, waitlist };
export type Messages = typeof ja;

const en: Messages = {
  common: enCommon,
  refusals: enRefusals,
  landing: enLanding,
  login: enLogin,
  mypage: enMypage,
  search: enSearch,
  booking: enBooking,
  done: enDone,
  manage: enManage,
  group: enGroup,
  chat: enChat,
  leftover: enLeftover,
  waitlist: enWaitlist,
};

export const CATALOGUES: Record<Locale, Messages> = { ja, en };
