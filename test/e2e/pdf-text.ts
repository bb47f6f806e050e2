// The text of a PDF as Chromium (Skia) writes it, for browser tests that print to PDF: no PDF
// library is installed, and Skia's output is regular — Flate-compressed content streams that show
// glyph ids as hex strings under a font (Tf), each font with a ToUnicode CMap (bfchar / bfrange)
// that maps the ids back to text. Enough to find a name or a keyword on a printed page; not a PDF parser.
import { inflateSync } from "node:zlib";

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf("stream");
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      let from = start + s + "stream".length;
      if (text[from] === "\r") from += 1;
      if (text[from] === "\n") from += 1;
      const to = text.lastIndexOf("endstream", end);
      const raw = pdf.subarray(from, to);
      try {
        stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      } catch {
        stream = null;
      }
    }
    out.set(Number(m[1]), { dict, stream });
  }
  return out;
}

/** Glyph id (hex) → text, from a ToUnicode CMap. */
function cmapOf(source: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set((pair[1] ?? "").toUpperCase(), utf16(pair[2] ?? ""));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = (r[1] ?? "").length;
      const lo = Number.parseInt(r[1] ?? "0", 16);
      const hi = Number.parseInt(r[2] ?? "0", 16);
      const dst = Number.parseInt(r[3] ?? "0", 16);
      for (let g = lo; g <= hi; g++) map.set(g.toString(16).toUpperCase().padStart(width, "0"), String.fromCodePoint(dst + g - lo));
    }
  }
  return map;
}

/** All text shown on the PDF's pages, in content-stream order, with a space between text runs. */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  // Font resource name → CMap, collected over every resource dictionary (names are per page in
  // principle; Skia numbers them uniquely per document).
  const fonts = new Map<string, Map<string, string>>();
  for (const o of objs.values()) {
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(o.dict)?.[1] ?? (() => {
      const id = ref(o.dict, "Font");
      return id !== null ? objs.get(id)?.dict : undefined;
    })();
    if (!fontDict) continue;
    for (const f of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(f[2]));
      const toUnicode = font ? ref(font.dict, "ToUnicode") : null;
      const cmap = toUnicode !== null ? objs.get(toUnicode)?.stream : null;
      if (cmap) fonts.set(f[1] ?? "", cmapOf(cmap.toString("latin1")));
    }
  }
  const parts: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || /\/(Type\s*\/XObject|Subtype|Length1|FontFile)/.test(o.dict)) continue;
    const content = o.stream.toString("latin1");
    if (!/\bTf\b/.test(content)) continue;
    let cmap: Map<string, string> | undefined;
    // Runs within one text object (BT … ET) are one piece: Skia splits words for kerning, and
    // writes the spaces as glyphs of their own.
    const tokens = /\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\((?:\\.|[^\\)])*\)|\b(ET)\b/g;
    let run = "";
    for (let m = tokens.exec(content); m; m = tokens.exec(content)) {
      if (m[1] !== undefined) cmap = fonts.get(m[1]);
      else if (m[2] !== undefined && cmap) {
        const hex = m[2].toUpperCase();
        const width = [...cmap.keys()][0]?.length ?? 4;
        for (let i = 0; i + width <= hex.length; i += width) run += cmap.get(hex.slice(i, i + width)) ?? "";
      } else if (m[3] !== undefined) {
        parts.push(run);
        run = "";
      }
    }
    parts.push(run);
  }
  return parts.filter((p) => p !== "").join(" ").replace(/\s+/g, " ");
}
