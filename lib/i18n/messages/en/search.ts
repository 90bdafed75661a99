import type { search as ja } from "../ja/search";

export const search: typeof ja = {
  title: "",
};
