import { describe, expect, it } from "vitest";
import { ACCOUNT_CLASSES } from "../../domain/account-class.js";
import { DMU_ROLES } from "../../domain/dmu.js";
import { RELATION_STATUSES } from "../../domain/lifecycle.js";
import { GENDERS } from "../../domain/person-name.js";
import { ROLES } from "../../domain/roles.js";
import { FIELD_MESSAGES, IMAP_PROBLEMS } from "../../server/errors.js";
import { LEGAL_FORMS, RELATION_KINDS } from "../features/relations/options.js";
import { TEXTS } from "./texts.js";

// The base texts merged with every feature's own i18n.<lang>.json.
const { nl, en } = TEXTS;

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Codes the server's schema validation produces (src/server/plugins/problems.ts). */
const VALIDATION_CODES = ["unknown_field", "required", "too_long", "wrong_type", "invalid", "too_small", "too_large"];

describe.each([
  ["nl", nl as Tree],
  ["en", en as Tree],
])("the %s texts", (_language, texts) => {
  it("have a message for every field error code the API can return", () => {
    for (const code of [...Object.keys(FIELD_MESSAGES), ...VALIDATION_CODES]) {
      expect(lookup(texts, `fieldErrors.${code}`), `add fieldErrors.${code} to src/web/i18n/nl.json and en.json`).toBeTruthy();
    }
  });

  it("say every IMAP problem code the administrator's mailbox status can carry", () => {
    for (const code of Object.keys(IMAP_PROBLEMS)) expect(lookup(texts, `errors.imap.${code}`), `add errors.imap.${code} to src/web/i18n/nl.json and en.json`).toBeTruthy();
  });

  it("name every status, class, DMU role, gender, role, legal form and kind of relation", () => {
    const paths = [
      ...RELATION_STATUSES.map((s) => `status.${s}`),
      ...ACCOUNT_CLASSES.map((c) => `accountClass.${c}`),
      ...DMU_ROLES.map((r) => `dmu.${r}`),
      ...GENDERS.map((g) => `gender.${g}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...LEGAL_FORMS.map((f) => `legalForm.${f}`),
      ...RELATION_KINDS.map((k) => `kind.${k}`),
    ];
    for (const path of paths) expect(lookup(texts, path), path).toBeTruthy();
  });
});

describe("Dutch and English texts", () => {
  it("have the same keys, so switching language never shows a bare key", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(nl as Tree).sort());
  });

  it("use the Dutch words of the domain for the lifecycle and the DMU", () => {
    expect(RELATION_STATUSES.map((s) => lookup(nl as Tree, `status.${s}`))).toEqual(["Suspect", "Prospect", "Klant", "Oud-klant", "Dood"]);
    expect(DMU_ROLES.map((r) => lookup(nl as Tree, `dmu.${r}`))).toEqual(["Beslisser", "Inkoper", "Beïnvloeder", "Gebruiker", "Poortwachter", "Initiator"]);
  });
});
