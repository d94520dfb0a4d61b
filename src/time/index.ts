// The time layer: civil dates, time zones, timestamps, durations, periods and business
// calendars — one grammar for each, used by everything above (ledger, quality, commands).
// It imports nothing from the rest of the tool.
export * from './civil.js';
export * from './zones.js';
export * from './timestamps.js';
export * from './durations.js';
export * from './periods.js';
export * from './calendar.js';
