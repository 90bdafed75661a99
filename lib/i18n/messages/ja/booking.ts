export const booking = {
  title: "",
};
