// Filled in by the page that uses this namespace.
export const done = {
  title: "",
};
