import { describe, expect, it } from "vitest";
import { normalizeHeader, proposeMapping, recognizeHeader } from "./dutch-headers.js";

describe("recognising column headers", () => {
  it("normalises case, accents and punctuation", () => {
    expect(normalizeHeader(" KvK-nummer ")).toBe("kvknummer");
    expect(normalizeHeader("E-mail adres")).toBe("emailadres");
    expect(normalizeHeader("Functie/rôle")).toBe("functierole");
  });

  it.each([
    ["Bedrijfsnaam", "name"],
    ["Organisatie", "name"],
    ["Company", "name"],
    ["KvK-nummer", "kvkNumber"],
    ["KVK nr.", "kvkNumber"],
    ["Chamber of commerce", "kvkNumber"],
    ["Straat", "street"],
    ["Address", "street"],
    ["Huisnummer", "houseNumber"],
    ["Nr.", "houseNumber"],
    ["Toevoeging", "houseNumberAddition"],
    ["Postcode", "postcode"],
    ["Zip code", "postcode"],
    ["Postcode vestiging", "postcode"],
    ["Vestigingsplaats", "city"],
    ["Woonplaats", "city"],
    ["Town", "city"],
    ["Telefoonnummer", "phone"],
    ["Tel.", "phone"],
    ["E-mail", "email"],
    ["Mail", "email"],
    ["Internet", "website"],
    ["Voornaam", "firstName"],
    ["Voorletters", "initials"],
    ["Tussenvoegsel", "infix"],
    ["Achternaam", "lastName"],
    ["Surname", "lastName"],
    ["Functie", "jobTitle"],
    ["Job title", "jobTitle"],
    ["Afdeling", "department"],
    ["Mobiel", "mobile"],
    ["Geslacht", "gender"],
    ["Titel", "title"],
    ["Status", "status"],
    ["Klasse", "accountClass"],
    ["Debiteurnummer", "debtorNumber"],
    ["SBI-code", "sbi"],
    ["Nieuwsbrief", "newsletter"],
    ["Newsletter", "newsletter"],
    ["Naam contactpersoon", "fullName"],
  ])("reads %s as %s", (header, field) => {
    expect(recognizeHeader(header)).toBe(field);
  });

  it("does not guess at unknown headers", () => {
    expect(recognizeHeader("Omzet 2024")).toBeNull();
    expect(recognizeHeader("")).toBeNull();
  });

  it("proposes the first column for a field that appears twice", () => {
    expect(proposeMapping(["Naam", "Telefoon", "Telefoon 2", "Onbekend", "Plaats"])).toEqual({ name: 0, phone: 1, city: 4 });
  });
});
