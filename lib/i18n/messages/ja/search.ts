export const search = {
  title: "",
};
