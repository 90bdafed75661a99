import type { mypage as ja } from "../ja/mypage";

export const mypage: typeof ja = {
  title: "",
};
