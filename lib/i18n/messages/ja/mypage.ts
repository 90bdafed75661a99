export const mypage = {
  title: "",
};
