// HTTP shapes of the company settings: one record, read by everyone who works in Koers (it is on
// every letter), changed by administrators with If-Match.
import { type Static, Type } from "typebox";

const text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const days = (description: string) => Type.Integer({ minimum: 0, maximum: 365, description });
const rate = Type.Integer({ minimum: 0, maximum: 10_000, description: "Basis points: 2100 = 21 %" });

export const VatRates = Type.Object(
  {
    high: { ...rate, description: "General rate (hoog), basis points" },
    low: { ...rate, description: "Reduced rate (laag), basis points" },
    zero: { ...rate, description: "Zero rate (nul), basis points" },
  },
  { additionalProperties: false },
);

const fields = {
  legalName: text(200, "Legal name as registered at the KvK"),
  visitStreet: text(200, "Street and house number of the visiting address"),
  visitPostcode: text(10),
  visitCity: text(100),
  postalStreet: text(200, "Street and number or 'Postbus 123'; empty: letters use the visiting address"),
  postalPostcode: text(10),
  postalCity: text(100),
  kvkNumber: text(20, "8 digits"),
  vatNumber: text(20, "Dutch VAT number NL123456789B01"),
  iban: text(40, "Checked with mod 97; stored without spaces"),
  phone: text(30),
  email: text(254),
  website: text(200),
  closingText: text(2000, "Text above the signature of every quote"),
  paymentTermDays: days("Payment term in days, printed on the quote"),
  quoteValidityDays: days("A quote without its own date stays valid this many days after it is printed"),
  vatRates: VatRates,
  totpRequiredForAdmins: Type.Boolean({ description: "Administrators must log in with a second factor (an authenticator app)" }),
};

export const CompanySettings = Type.Object({
  ...fields,
  /** The logo's address (GET), or null when there is none. */
  logo: Type.Union([Type.Object({ url: Type.String(), contentType: Type.String() }), Type.Null()]),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type CompanySettingsDto = Static<typeof CompanySettings>;

export const CompanySettingsPatch = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type CompanySettingsPatchInput = Static<typeof CompanySettingsPatch>;
