// The shape every table file (CSV or XLSX) is read into, and the problems reading can give.

export interface TableRow {
  /** 1-based row number as the user sees it in Excel or a text editor; the header is row 1. */
  rowNumber: number;
  /** Trimmed cell texts, one per header (padded with ""; extra cells beyond the header are kept). */
  cells: string[];
}

export interface Table {
  headers: string[];
  /** Data rows without the empty ones. */
  rows: TableRow[];
  format: "csv" | "xlsx";
  /** CSV only: the detected encoding ("utf-8", "utf-8-bom", "windows-1252", "utf-16le" …). */
  encoding?: string;
  /** CSV only: the detected delimiter. */
  delimiter?: string;
}

export type TableFileProblemCode = "not_a_zip" | "zip_bomb" | "too_large" | "encoding" | "empty" | "unreadable";

/** Why a file cannot be read; `message` is fit to show the user as is. */
export interface TableFileProblem {
  code: TableFileProblemCode;
  message: string;
}

export interface ReadTableOptions {
  /** Refuse files with more data rows than this (default 1,000,000). */
  maxRows?: number;
  /** XLSX: the worksheet to read (default: the first one with data). */
  sheet?: string;
}

/** Largest file accepted, in bytes (the same as the upload limit). */
export const MAX_TABLE_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 1_000_000;

/** Pads or keeps a row's cells so that every header has a cell. */
export function padCells(cells: string[], width: number): string[] {
  while (cells.length < width) cells.push("");
  return cells;
}
