// Reader for Cordeau's PVRP format (type 1):
//   "type m n t" · t lines "D Q" (max route duration, 0 = none; capacity) ·
//   n + 1 node lines "i x y d q f a combination…" (node 0 = depot; d service, q demand, f visits,
//   a allowed combinations, each the decimal value of a t-bit string whose leftmost bit is day 1).
// Malformed input is returned as data (line and reason), never thrown.
import { err, ok, type Result } from "../domain/result.js";
import { euclideanMatrix, type ParseError, type PvrpInstance } from "./instance.js";
import { parseNumber, splitLines } from "./text-lines.js";

const fail = (line: number, reason: string) => err<ParseError>({ line, reason });

/** Days are bits of a 32-bit mask. */
const MAX_DAYS = 30;

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** The file's code (leftmost of `days` bits = day 1) as a mask with bit d = day d + 1. */
function codeToMask(code: number, days: number): number {
  let mask = 0;
  for (let d = 0; d < days; d++) if ((code >>> (days - 1 - d)) & 1) mask |= 1 << d;
  return mask;
}

export function parseCordeau(text: string, name = "pvrp"): Result<PvrpInstance, ParseError> {
  const lines = splitLines(text);
  const head = lines[0];
  if (head === undefined) return fail(1, "the file is empty");
  const numbers = (fields: readonly string[]) => fields.map(parseNumber);
  const first = numbers(head.fields);
  if (first.length !== 4 || first.some((v) => v === undefined || !Number.isInteger(v))) {
    return fail(head.line, 'expected "type m n t" (four whole numbers)');
  }
  const [type, m, n, t] = first as number[];
  if (type !== 1) return fail(head.line, `problem type ${type} is not a PVRP (type 1)`);
  if ((m as number) < 1) return fail(head.line, `vehicles per day must be at least 1, found ${m}`);
  if ((n as number) < 1) return fail(head.line, `customers must be at least 1, found ${n}`);
  if ((t as number) < 1 || (t as number) > MAX_DAYS) return fail(head.line, `days must be between 1 and ${MAX_DAYS}, found ${t}`);
  const days = t as number;
  const customers = n as number;

  const capacity = new Float64Array(days);
  const maxDuration = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const entry = lines[1 + d];
    if (entry === undefined) return fail((lines.at(-1)?.line ?? 1) + 1, `missing the "D Q" line of day ${d + 1}`);
    const values = numbers(entry.fields);
    if (values.length !== 2 || values.some((v) => v === undefined)) return fail(entry.line, `expected "D Q" (route duration, capacity) for day ${d + 1}`);
    const [duration, load] = values as number[];
    if ((duration as number) < 0) return fail(entry.line, `route duration must not be negative, found ${duration}`);
    if (!((load as number) > 0)) return fail(entry.line, `capacity must be positive, found ${load}`);
    maxDuration[d] = duration === 0 ? Number.POSITIVE_INFINITY : (duration as number);
    capacity[d] = load as number;
  }

  const size = customers + 1;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const demand = new Float64Array(size);
  const service = new Float64Array(size);
  const frequency = new Int32Array(size);
  const labels = new Int32Array(size);
  const combinations: number[][] = [];
  const minCapacity = Math.min(...capacity);
  for (let i = 0; i < size; i++) {
    const entry = lines[1 + days + i];
    if (entry === undefined) return fail((lines.at(-1)?.line ?? 1) + 1, `missing the line of node ${i} (the file declares ${customers} customers)`);
    const values = numbers(entry.fields);
    const bad = values.indexOf(undefined);
    if (bad >= 0) return fail(entry.line, `field ${bad + 1} is not a number: "${entry.fields[bad]}"`);
    if (values.length < 7) return fail(entry.line, `expected at least 7 numbers (i x y d q f a), found ${values.length}`);
    const [id, xi, yi, s, q, declared, a] = values as number[];
    if (id !== i) return fail(entry.line, `expected node number ${i}, found ${entry.fields[0]}`);
    if (!Number.isInteger(declared) || !Number.isInteger(a) || (declared as number) < 0 || (a as number) < 0) return fail(entry.line, "frequency and number of combinations must be whole numbers ≥ 0");
    if ((s as number) < 0 || (q as number) < 0) return fail(entry.line, "service time and demand must not be negative");
    // Time-window fields (e l) may follow the combinations in the general format; a PVRP has none.
    const codes = values.slice(7, 7 + (a as number)) as number[];
    if (codes.length !== a) return fail(entry.line, `declares ${a} combinations but lists ${codes.length}`);
    // Quirk of p11 (customer 131): frequency 0 with single-day combinations, visited once in
    // Cordeau's own solution. A customer with combinations of one size takes that size.
    const sizes = new Set(codes.map(popcount));
    const f = i > 0 && declared === 0 && sizes.size === 1 ? ([...sizes][0] as number) : declared;
    if (i === 0) {
      if (f !== 0) return fail(entry.line, "the depot (node 0) must have frequency 0");
    } else {
      if ((f as number) < 1 || (f as number) > days) return fail(entry.line, `frequency must be between 1 and ${days}, found ${f}`);
      if (a === 0) return fail(entry.line, "a customer needs at least one allowed day combination");
      if ((q as number) > minCapacity) return fail(entry.line, `demand ${q} exceeds the vehicle capacity ${minCapacity}`);
    }
    const masks: number[] = [];
    for (const code of codes) {
      if (!Number.isInteger(code) || code < 1 || code >= 2 ** days) return fail(entry.line, `combination ${code} is not a ${days}-day bit string`);
      if (popcount(code) !== f) return fail(entry.line, `combination ${code} has ${popcount(code)} days, the frequency is ${f}`);
      const mask = codeToMask(code, days);
      if (!masks.includes(mask)) masks.push(mask);
    }
    labels[i] = i;
    x[i] = xi as number;
    y[i] = yi as number;
    service[i] = s as number;
    demand[i] = q as number;
    frequency[i] = f as number;
    combinations.push(masks);
  }
  const extra = lines[1 + days + size];
  if (extra !== undefined) return fail(extra.line, `more node lines than the ${customers} customers declared`);
  const distance = euclideanMatrix(x, y);
  for (let i = 1; i < size; i++) {
    const back = 2 * (distance[i] as number) + (service[i] as number);
    const combos = combinations[i] as number[];
    const servable = combos.some((mask) => {
      for (let d = 0; d < days; d++) if ((mask >>> d) & 1 && back > (maxDuration[d] as number)) return false;
      return true;
    });
    if (!servable) return fail((lines[1 + days + i] as { line: number }).line, `customer ${i} cannot be served within the route duration on any allowed combination`);
  }
  return ok({ name, days, vehiclesPerDay: m as number, capacity, maxDuration, x, y, demand, service, frequency, combinations, labels, distance });
}
