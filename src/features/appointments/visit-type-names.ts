// Visit types by name, for texts the server writes itself (the calendar feed): the words of the
// shared label catalogue (src/labels), which the agenda screens show too.
import { labelOf, labelsOf } from "../../labels/labels.js";

export function visitTypeName(type: string, lang: "nl" | "en"): string {
  return labelOf(labelsOf(lang).agenda.visitType, type) ?? type;
}
