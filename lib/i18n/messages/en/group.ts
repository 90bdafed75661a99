import type { group as ja } from "../ja/group";

export const group: typeof ja = {
  title: "",
};
