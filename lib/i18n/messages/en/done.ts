import type { done as ja } from "../ja/done";

export const done: typeof ja = {
  title: "",
};
