// Why something was refused. In Japanese the domain core's own reason is shown as it is
// (it already carries the dates and names); other languages say it from the code and params.
type Params = Record<string, string | number>;
type Say = (p: Params) => string;

export const refusals = {
  useDomainText: true as boolean,
  generic: "この操作はできません。コールセンターにお問い合わせください。",
  byCode: {} as Record<string, Say>,
};
