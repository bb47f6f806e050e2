// Checks and normal forms of e-mail addresses, web addresses and phone numbers.
import { type Result, err, ok } from "./result.js";

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[A-Za-z]{2,}$/;

export function normalizeEmail(input: string): Result<string> {
  const email = input.trim();
  return email.length <= 254 && EMAIL.test(email) ? ok(email.toLowerCase()) : err("email_invalid");
}

/** http(s) only; a bare host ("www.example.nl") gets https:// in front. */
export function normalizeWebUrl(input: string): Result<string> {
  const raw = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname.includes(".")) return err("url_invalid");
    return ok(url.toString().replace(/\/$/, url.pathname === "/" && !raw.endsWith("/") ? "" : "/"));
  } catch {
    return err("url_invalid");
  }
}

/** Digits with the usual separators; at least 6 digits. Kept as typed, trimmed. */
export function normalizePhone(input: string): Result<string> {
  const phone = input.trim().replace(/\s+/g, " ");
  const digits = phone.replace(/\D/g, "");
  return /^\+?[0-9 ()\-./]+$/.test(phone) && digits.length >= 6 && digits.length <= 15 ? ok(phone) : err("phone_invalid");
}
