// The print style of the quote letter: A4, the company's sender block at the top, and on every page a
// footer with the company, the quote number and "Pagina n van m". The page numbers are CSS page
// counters in @page margin boxes, which Chromium prints since version 131 (Ctrl+P and page.pdf alike);
// when a browser leaves margin boxes out the letter still prints whole, only without numbers.

/** A CSS string literal: quotes and backslashes escaped, line breaks removed. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ")}"`;
}

export function letterStyle(footerLeft: string): string {
  return `
  @page {
    size: A4;
    margin: 12mm 18mm 16mm 20mm;
    @bottom-left { content: ${cssString(footerLeft)}; font: 7.5pt Arial, sans-serif; color: #666; }
    @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 7.5pt Arial, sans-serif; color: #666; }
  }
  * { box-sizing: border-box; }
  body { font: 9.5pt/1.4 "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; margin: 0; }
  @media screen { body { max-width: 172mm; margin: 12mm auto; } }
  .letterhead { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; border-bottom: 2px solid #1c4e80; padding-bottom: 4mm; margin-bottom: 5mm; }
  .letterhead img { max-height: 20mm; max-width: 70mm; object-fit: contain; }
  .letterhead .name { font-size: 15pt; font-weight: bold; color: #1c4e80; }
  .sender { display: flex; gap: 6mm; font-size: 8pt; line-height: 1.4; color: #333; }
  .sender strong { color: #1a1a1a; }
  .recipient { font-style: normal; margin-bottom: 4mm; }
  table.meta { border-collapse: collapse; margin-bottom: 4mm; }
  table.meta td { padding: 0 6mm 0.5mm 0; vertical-align: top; }
  table.meta td:first-child { color: #555; }
  table.lines { width: 100%; border-collapse: collapse; margin: 4mm 0 3mm; font-size: 9pt; }
  table.lines thead { display: table-header-group; }
  table.lines th { text-align: left; border-bottom: 1px solid #888; padding: 1.5mm 1mm; font-weight: bold; }
  table.lines td { border-bottom: 1px solid #e3e3e3; padding: 1.2mm 1mm; vertical-align: top; }
  table.lines small { margin-left: 2mm; }
  table.lines tr { break-inside: avoid; }
  .num { text-align: right; white-space: nowrap; }
  small { color: #666; }
  .sums { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; break-inside: avoid; font-size: 9pt; margin-bottom: 4mm; }
  table.vat-spec { border-collapse: collapse; }
  table.vat-spec th { text-align: left; font-weight: normal; color: #555; border-bottom: 1px solid #ccc; padding: 0.6mm 6mm 0.6mm 0; }
  table.vat-spec td { padding: 0.6mm 6mm 0.6mm 0; }
  table.vat-spec th.num { text-align: right; }
  table.totals { border-collapse: collapse; font-size: 9.5pt; }
  table.totals td { padding: 0.6mm 1mm 0.6mm 8mm; }
  table.totals tr.grand td { border-top: 1.5px solid #1a1a1a; font-weight: bold; padding-top: 1.5mm; }
  .terms, .closing { break-inside: avoid; }
  /* The sender's regards beside the customer's acceptance: one band that is never split. */
  .signoff { display: grid; grid-template-columns: 1fr 1.9fr; gap: 6mm; align-items: start; break-inside: avoid; margin-top: 3mm; }
  p { margin: 0 0 2.5mm; }
  .acceptance { break-inside: avoid; border: 1px solid #999; padding: 2.5mm 4mm 3mm; }
  .acceptance h2 { font-size: 10.5pt; margin: 0 0 1.5mm; }
  .arguments { break-inside: avoid; }
  .arguments h2 { font-size: 10.5pt; margin: 4mm 0 1.5mm; }
  .arguments ul { margin: 0; padding-left: 5mm; }
  .acceptance .fields { display: grid; grid-template-columns: 1fr 1fr; column-gap: 5mm; }
  .acceptance table { width: 100%; border-collapse: collapse; }
  .acceptance td { padding: 2.5mm 0 0.5mm; vertical-align: bottom; }
  .acceptance td.label { width: 14mm; color: #555; font-size: 8.5pt; }
  .acceptance p { font-size: 8.5pt; }
  .acceptance .blank { border-bottom: 1px solid #555; height: 6mm; }
  .acceptance .signature { border-bottom: 1px solid #555; height: 13mm; }
`;
}
