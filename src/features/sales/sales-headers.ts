// The columns of an ERP sales export, recognised without a mapping in Dutch and English. Any other
// layout is mapped once by the user and remembered for that layout.
import type { SalesField } from "../../domain/sales-line.js";
import { headerMatcher } from "../../files/dutch-headers.js";

export const SALES_HEADERS = headerMatcher<SalesField>({
  synonyms: {
    invoice: ["invoice", "invoicenumber", "invoiceno", "factuur", "factuurnummer", "factuurnr", "factnr", "document", "documentnummer"],
    line: ["line", "linenumber", "lineno", "regel", "regelnummer", "regelnr", "factuurregel", "positie", "pos"],
    date: ["date", "invoicedate", "datum", "factuurdatum", "boekdatum"],
    debtor: ["debtor", "debtornumber", "customer", "customernumber", "debiteur", "debiteurnummer", "debiteurnr", "klant", "klantnummer", "klantnr"],
    debtorName: ["debtorname", "customername", "debiteurnaam", "klantnaam", "naam", "bedrijfsnaam"],
    kvkNumber: ["kvk", "kvknummer", "kvknr", "cocnumber"],
    postcode: ["postcode", "zip", "zipcode", "postalcode"],
    city: ["plaats", "city", "woonplaats", "vestigingsplaats"],
    product: ["product", "productcode", "item", "itemcode", "sku", "artikel", "artikelcode", "artikelnummer", "artikelnr"],
    productName: ["productname", "itemname", "description", "omschrijving", "artikelomschrijving", "artikelnaam"],
    quantity: ["quantity", "qty", "aantal", "hoeveelheid", "afzet", "volume"],
    revenue: ["revenue", "amount", "netamount", "sales", "omzet", "bedrag", "nettobedrag", "regelbedrag", "omzetbedrag"],
    cost: ["cost", "costs", "costprice", "cogs", "kostprijs", "kosten", "inkoopwaarde", "kostprijsbedrag"],
    rep: ["rep", "salesrep", "salesperson", "seller", "verkoper", "vertegenwoordiger", "accountmanager"],
    rayon: ["rayon", "region", "territory", "regio", "verkoopgebied", "gebied"],
    credit: ["credit", "creditnota", "creditnote", "soort", "type", "documentsoort", "factuursoort"],
  },
});
