// File helpers of the simulator: a "stored" zip writer, a tiny PDF writer, page counting and
// attachment headers. Plain Node, no dependencies.
const { crc32 } = require('node:zlib');

/** DOS time and date of a zip entry. */
function dosDateTime(date) {
	const time = (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
	const day = ((Math.max(date.getFullYear(), 1980) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
	return { time, day };
}

/** Names made unique the way a file manager would: `a.pdf`, `a (2).pdf`. */
function uniqueNames(names) {
	const seen = new Set();
	return names.map((name) => {
		let candidate = name;
		for (let n = 2; seen.has(candidate.toLowerCase()); n++) {
			const dot = name.lastIndexOf('.');
			candidate = dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
		}
		seen.add(candidate.toLowerCase());
		return candidate;
	});
}

/** A zip archive whose entries are stored (no compression), with UTF-8 names. */
function storedZip(entries, date = new Date()) {
	const { time, day } = dosDateTime(date);
	const names = uniqueNames(entries.map((entry) => entry.name));
	const parts = [];
	const central = [];
	let offset = 0;
	entries.forEach((entry, i) => {
		const name = Buffer.from(names[i], 'utf8');
		const data = entry.data;
		const crc = crc32(data) >>> 0;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // flags: names in UTF-8
		local.writeUInt16LE(0, 8); // method: stored
		local.writeUInt16LE(time, 10);
		local.writeUInt16LE(day, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		parts.push(local, name, data);

		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4); // version made by
		header.writeUInt16LE(20, 6); // version needed
		header.writeUInt16LE(0x0800, 8);
		header.writeUInt16LE(0, 10);
		header.writeUInt16LE(time, 12);
		header.writeUInt16LE(day, 14);
		header.writeUInt32LE(crc, 16);
		header.writeUInt32LE(data.length, 20);
		header.writeUInt32LE(data.length, 24);
		header.writeUInt16LE(name.length, 28);
		// extra length, comment length, disk, internal and external attributes: all 0
		header.writeUInt32LE(offset, 42);
		central.push(header, name);
		offset += local.length + name.length + data.length;
	});
	const centralSize = central.reduce((sum, part) => sum + part.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, ...central, end]);
}

/** A small, valid one-page PDF with the given lines of text (ASCII; anything else becomes '?'). */
function simplePdf(lines) {
	const escape = (text) => String(text).replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
	const text = ['BT /F1 11 Tf 50 790 Td 14 TL', ...lines.map((line) => `(${escape(line)}) Tj T*`), 'ET'].join('\n');
	return pdfOf([
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		streamObject(text),
	]);
}

/** A PDF stream object holding `text`. */
function streamObject(text) {
	return `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`;
}

/** A PDF file of the given objects (numbered from 1; the first is the catalog), with its cross-reference table. */
function pdfOf(objects) {
	let out = '%PDF-1.4\n';
	const offsets = [];
	objects.forEach((object, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** Pages of a PDF (its `/Type /Page` objects); 1 for anything that is not a PDF or shows none. */
function pageCount(bytes) {
	if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return 1;
	const matches = bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
	return Math.max(1, matches ? matches.length : 0);
}

/** `content-disposition` for a download; non-ASCII names also go in `filename*` (RFC 6266). */
function attachment(name) {
	const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	let value = `attachment; filename="${ascii}"`;
	if (ascii !== name) value += `; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
	return value;
}

/** What `downloadContentDisposition: 'hostile'` names the file: a path out of the download
 * folder, control characters (NUL, BEL, CR, LF) and a right-to-left override (U+202E) that shows
 * `...exe.pdf` as `...fdp.exe`. */
const HOSTILE_FILE_NAME = '../../etc/passwd\u0000\u0007\r\n\u202Efdp.exe';

/**
 * A `content-disposition` carrying a hostile name as a careless server would: the quoted
 * `filename` holds the name's raw UTF-8 bytes (HTTP cannot carry CR, LF, NUL or other controls
 * but tab, so those become `_` there), `filename*` carries every character percent-encoded.
 */
function hostileAttachment(name) {
	const raw = Buffer.from(name, 'utf8')
		.toString('latin1')
		.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '_')
		.replace(/["\\]/g, '\\$&');
	return `attachment; filename="${raw}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Waits until `res` takes more bytes or is closed, leaving no listener behind. */
function drainedOrClosed(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.once('drain', done);
		res.once('close', done);
	});
}

/** A PDF-looking body of exactly `size` bytes, written in chunks with back-pressure, never whole in memory. */
async function writeLargePdf(res, size, stopAfter = size, paceMs = 0) {
	const head = Buffer.from('%PDF-1.4\n%', 'latin1');
	const tail = Buffer.from('\n%%EOF\n', 'latin1');
	const chunk = Buffer.alloc(PIECE_BYTES, 0x20);
	const out = bodyWriter(res, stopAfter, paceMs);
	if (size < head.length + tail.length) return await out.send(Buffer.alloc(size, 0x25));
	await out.send(head);
	for (let left = size - head.length - tail.length; left > 0 && !res.destroyed && out.sent() < stopAfter; left -= chunk.length) await out.send(chunk.subarray(0, Math.min(left, chunk.length)));
	return await out.send(tail);
}

/** Writes a file's bytes, up to `stopAfter`, in pieces with `paceMs` after each; returns the bytes sent. */
async function writeFile(res, bytes, stopAfter = bytes.length, paceMs = 0) {
	const out = bodyWriter(res, stopAfter, paceMs);
	for (let at = 0; at < bytes.length && !res.destroyed && out.sent() < stopAfter; at += PIECE_BYTES) await out.send(bytes.subarray(at, at + PIECE_BYTES));
	return out.sent();
}

const PIECE_BYTES = 64 * 1024;

/** Writes to `res` no more than `stopAfter` bytes in all, waiting for the socket, and `paceMs` after each write (a slow link). */
function bodyWriter(res, stopAfter, paceMs) {
	let sent = 0;
	return {
		sent: () => sent,
		send: async (bytes) => {
			const part = bytes.subarray(0, Math.max(0, Math.min(bytes.length, stopAfter - sent)));
			sent += part.length;
			if (part.length && !res.write(part)) await drainedOrClosed(res);
			if (part.length && paceMs) await new Promise((resolve) => setTimeout(resolve, paceMs));
			return sent;
		},
	};
}

/** What an upload holds, by its first bytes and its name: `PDF`, `WORD`, `XML` or `OTHER`. */
function documentKind(name, bytes) {
	if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'PDF';
	if (/\.docx?$/i.test(name)) return 'WORD';
	if (/\.xml$/i.test(name) || bytes.subarray(0, 5).toString('latin1') === '<?xml') return 'XML';
	return 'OTHER';
}

/** The name of a document once converted to PDF: its extension becomes `.pdf`. */
function convertedName(name) {
	return name.replace(/\.[^./\\]*$/, '') + '.pdf';
}

/**
 * The file name of an upload from its `x-file-name` header: percent-encoding is decoded, and raw
 * UTF-8 bytes (which Node reads as latin1) are read as UTF-8. SigningHub's rule is not documented.
 */
function fileNameFromHeader(raw) {
	if (raw === undefined) return undefined;
	let name = String(raw).trim();
	if (/%[0-9A-Fa-f]{2}/.test(name)) {
		try {
			name = decodeURIComponent(name);
		} catch {
			// not percent-encoded after all: keep it as typed
		}
	} else if (/[\x80-\xff]/.test(name)) {
		name = Buffer.from(name, 'latin1').toString('utf8');
	}
	return name;
}

module.exports = {
	pdfOf,
	streamObject,
	storedZip,
	simplePdf,
	pageCount,
	attachment,
	hostileAttachment,
	HOSTILE_FILE_NAME,
	writeLargePdf,
	writeFile,
	documentKind,
	convertedName,
	fileNameFromHeader,
	uniqueNames,
};
