import type { booking as ja } from "../ja/booking";

export const booking: typeof ja = {
  title: "",
};
