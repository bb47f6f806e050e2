// Reader for the Solomon (1987) and Gehring & Homberger (1999) VRPTW text format:
//   name line · "VEHICLE" · "NUMBER CAPACITY" · <vehicles> <capacity> · "CUSTOMER" · header ·
//   one row per node: number x y demand ready due service (node 0 = depot).
// Malformed input is returned as data (line and reason), never thrown.
import { err, ok, type Result } from "../domain/result.js";
import { euclideanMatrix, type ParseError, type VrptwInstance } from "./instance.js";
import { allNumeric, parseNumber, splitLines } from "./text-lines.js";

const fail = (line: number, reason: string) => err<ParseError>({ line, reason });

export function parseSolomon(text: string): Result<VrptwInstance, ParseError> {
  const lines = splitLines(text);
  if (lines.length === 0) return fail(1, "the file is empty");
  const name = (lines[0] as { fields: readonly string[] }).fields.join(" ");

  const vehicleHeader = lines.findIndex((l) => l.fields[0]?.toUpperCase() === "VEHICLE");
  if (vehicleHeader < 0) return fail(lines[0]?.line ?? 1, 'no "VEHICLE" section');
  // The first all-numeric line after the header holds the fleet size and the capacity.
  let at = vehicleHeader + 1;
  while (at < lines.length && !allNumeric((lines[at] as { fields: readonly string[] }).fields)) {
    if ((lines[at] as { fields: readonly string[] }).fields[0]?.toUpperCase() === "CUSTOMER") break;
    at++;
  }
  const fleetLine = lines[at];
  if (fleetLine === undefined || !allNumeric(fleetLine.fields)) return fail(fleetLine?.line ?? (lines.at(-1)?.line ?? 1), "expected the vehicle number and capacity");
  if (fleetLine.fields.length !== 2) return fail(fleetLine.line, `expected 2 numbers (vehicles, capacity), found ${fleetLine.fields.length}`);
  const vehicles = parseNumber(fleetLine.fields[0]) as number;
  const capacity = parseNumber(fleetLine.fields[1]) as number;
  if (!Number.isInteger(vehicles) || vehicles < 1) return fail(fleetLine.line, `vehicle number must be a whole number of at least 1, found ${fleetLine.fields[0]}`);
  if (!(capacity > 0)) return fail(fleetLine.line, `capacity must be positive, found ${fleetLine.fields[1]}`);

  const customerHeader = lines.findIndex((l, i) => i > at && l.fields[0]?.toUpperCase() === "CUSTOMER");
  if (customerHeader < 0) return fail(fleetLine.line, 'no "CUSTOMER" section after the vehicle line');
  // Skip the column header line(s) up to the first numeric row.
  let row = customerHeader + 1;
  while (row < lines.length && !/^[+-]?\d/.test((lines[row] as { fields: readonly string[] }).fields[0] ?? "")) row++;
  const rows = lines.slice(row);
  if (rows.length === 0) return fail(lines[customerHeader]?.line ?? 1, "no depot row (node 0)");

  const size = rows.length;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const demand = new Float64Array(size);
  const ready = new Float64Array(size);
  const due = new Float64Array(size);
  const service = new Float64Array(size);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const { line, fields } = rows[i] as { line: number; fields: readonly string[] };
    if (fields.length !== 7) return fail(line, `expected 7 numbers (number x y demand ready due service), found ${fields.length}`);
    const values = fields.map(parseNumber);
    const bad = values.indexOf(undefined);
    if (bad >= 0) return fail(line, `field ${bad + 1} is not a number: "${fields[bad]}"`);
    const [id, xi, yi, q, e, l, s] = values as number[];
    if (id !== i) return fail(line, `expected node number ${i}, found ${fields[0]}`);
    if ((q as number) < 0) return fail(line, `demand must not be negative, found ${q}`);
    if ((q as number) > capacity) return fail(line, `demand ${q} exceeds the vehicle capacity ${capacity}`);
    if ((s as number) < 0) return fail(line, `service time must not be negative, found ${s}`);
    if ((l as number) < (e as number)) return fail(line, `due time ${l} is before ready time ${e}`);
    if (i === 0 && (q !== 0 || s !== 0)) return fail(line, "the depot (node 0) must have demand 0 and service time 0");
    labels[i] = id as number;
    x[i] = xi as number;
    y[i] = yi as number;
    demand[i] = q as number;
    ready[i] = e as number;
    due[i] = l as number;
    service[i] = s as number;
  }
  const distance = euclideanMatrix(x, y);
  // A customer that cannot be served even by a route of its own makes the file unsolvable.
  for (let i = 1; i < size; i++) {
    const arrive = Math.max((ready[0] as number) + (distance[i] as number), ready[i] as number);
    if (arrive > (due[i] as number) || arrive + (service[i] as number) + (distance[i] as number) > (due[0] as number)) {
      return fail((rows[i] as { line: number }).line, `customer ${i} cannot be reached within its time window and back before the depot closes`);
    }
  }
  return ok({ name, vehicles, capacity, x, y, demand, ready, due, service, labels, distance, time: distance });
}
