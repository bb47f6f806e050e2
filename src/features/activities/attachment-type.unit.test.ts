import { describe, expect, it } from "vitest";
import { sniffAttachment, zipEntryNames } from "./attachment-type.js";
import { minimalDocx } from "./attachment-fixtures.js";

describe("attachment type check", () => {
  it("accepts real PDF, PNG, JPEG, text and e-mail files", () => {
    expect(sniffAttachment("offerte.pdf", Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toMatchObject({ ok: true, contentType: "application/pdf" });
    expect(sniffAttachment("foto.PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatchObject({ ok: true, extension: "png" });
    expect(sniffAttachment("foto.jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({ ok: true });
    expect(sniffAttachment("notitie.txt", Buffer.from("Afspraak: m² en frequentie\r\n"))).toMatchObject({ ok: true });
    expect(sniffAttachment("mail.eml", Buffer.from("Received: from x\r\nFrom: a@b.nl\r\nSubject: Offerte\r\n\r\nHallo"))).toMatchObject({ ok: true });
  });

  it("accepts a Word document by its zip entries", () => {
    const docx = minimalDocx();
    expect(zipEntryNames(docx)).toContain("word/document.xml");
    expect(sniffAttachment("verslag.docx", docx)).toMatchObject({ ok: true });
    expect(sniffAttachment("verslag.xlsx", docx)).toMatchObject({ ok: false });
  });

  it("refuses an executable disguised as a PDF or as text", () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
    expect(sniffAttachment("offerte.pdf", exe)).toMatchObject({ ok: false });
    expect(sniffAttachment("leesmij.txt", Buffer.from("MZ this program cannot be run in DOS mode"))).toMatchObject({ ok: false });
    expect(sniffAttachment("run.txt", Buffer.from("#!/bin/sh\nrm -rf /\n"))).toMatchObject({ ok: false });
  });

  it("refuses types that are not on the list and content that does not match", () => {
    expect(sniffAttachment("setup.exe", Buffer.from("%PDF-1.4"))).toMatchObject({ ok: false });
    expect(sniffAttachment("pagina.html", Buffer.from("<html>"))).toMatchObject({ ok: false });
    expect(sniffAttachment("geen-extensie", Buffer.from("%PDF-1.4"))).toMatchObject({ ok: false });
    expect(sniffAttachment("foto.png", Buffer.from("%PDF-1.4"))).toMatchObject({ ok: false });
    expect(sniffAttachment("binair.txt", Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({ ok: false });
    expect(sniffAttachment("leeg.pdf", Buffer.alloc(0))).toMatchObject({ ok: false });
  });
});
