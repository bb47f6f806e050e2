// What the forecast reads of quotes: open quotes summed per month and probability (and rep, rayon
// or product), the change history up to a date, and each quote's rep and rayon now.
export { parseUnitsByUnit } from "./quote-events.js";
export { type ForecastBy, eventsUpTo, groupsOfQuotes, sumOpenQuotes, sumOpenUnits } from "./quote-forecast.repository.js";
