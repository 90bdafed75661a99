import type { manage as ja } from "../ja/manage";

export const manage: typeof ja = {
  title: "",
};
