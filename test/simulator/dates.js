// Dates of the simulator: how SigningHub writes them and how it reads v4's `modified-from` /
// `modified-to`. Internally every date is an ISO 8601 string in UTC with milliseconds, already
// on SigningHub's clock (the machine's clock plus `clockOffsetMs`).

/**
 * `dateStyle` values. `iso-milliseconds`: every date as `2015-01-13T10:10:25.123Z`.
 * `signinghub`: as the vendor's examples write them (pages 1037, 1044, 1053): `modified_on`,
 * `uploaded_on` and a history entry's `date_time` without zone and to the whole second
 * (`2015-01-13T10:10:25`), `processed_on` with `Z` and milliseconds.
 */
const DATE_STYLES = ['iso-milliseconds', 'signinghub'];

/** ISO 8601 as `modified-from` accepts it: a date, or a date and time; seconds, fraction and zone optional. */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant of an ISO 8601 text in milliseconds, or NaN. A value without zone is SigningHub's
 * local time, which in the simulator is UTC (a clock offset is an error of the clock, not a zone).
 */
function parseInstant(text) {
	const m = ISO_8601.exec(String(text ?? '').trim());
	if (!m) return NaN;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone = 'Z'] = m;
	const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
	const utc = Date.UTC(y, mo - 1, d, h, mi, s, Math.floor(Number(`0.${fraction}`) * 1000));
	const check = new Date(utc);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return NaN;
	if (zone === 'Z') return utc;
	const [, sign, zh, zm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
	return utc - (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm)) * 60_000;
}

/** A stored date as a "change" date (`modified_on`, `uploaded_on`, `date_time`) of the given style. */
function changeDate(stored, style) {
	if (stored == null || style !== 'signinghub') return stored;
	const t = instantOf(stored);
	return Number.isNaN(t) ? stored : new Date(t).toISOString().slice(0, 19);
}

/** A stored date as `processed_on` of the given style. */
function processedDate(stored, style) {
	if (stored == null || style !== 'signinghub') return stored;
	const t = instantOf(stored);
	return Number.isNaN(t) ? stored : new Date(t).toISOString();
}

/** The instant of a stored date (a scenario may give any form `Date.parse` reads). */
function instantOf(stored) {
	const strict = parseInstant(stored);
	return Number.isNaN(strict) ? Date.parse(stored) : strict;
}

module.exports = { DATE_STYLES, parseInstant, instantOf, changeDate, processedDate };
