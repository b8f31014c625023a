import type { BinaryHelperFunctions, IDataObject } from 'n8n-workflow';

import { SigningHubError, type FailureDetails } from './errors';

/**
 * A Node readable stream of bytes, as n8n's binary helpers give and take it. Named through n8n's
 * own types: code in nodes/ may import nothing but n8n-workflow and relative files.
 */
export type ByteStream = Awaited<ReturnType<BinaryHelperFunctions['getBinaryStream']>>;

/**
 * A file to send that lives in n8n's binary store: opened afresh for each try, because a stream
 * can be sent only once, and sent with its length (no chunked upload).
 */
export interface StoredFile {
	open(): Promise<ByteStream>;
	size: number;
}

export function isStoredFile(body: unknown): body is StoredFile {
	return typeof (body as StoredFile | null)?.open === 'function';
}

export function isByteStream(body: unknown): body is ByteStream {
	return typeof (body as ByteStream | null)?.pipe === 'function' && typeof (body as ByteStream).destroy === 'function';
}

/** A file answer on its way: its bytes as they arrive, and the answer's headers. */
export interface IncomingFile {
	stream: ByteStream;
	headers: IDataObject;
	/** Bytes received so far. */
	received(): number;
	/** The file's first bytes received (up to HEAD_BYTES), to tell its type by. */
	head(): Buffer;
	/** Why receiving stopped early, once it did: the limit, the deadline or a broken connection. */
	failure(): SigningHubError | undefined;
	/** Stops receiving (a no-op once the file is in). */
	stop(): void;
}

/** How much of a file's start `head()` keeps: what telling a PDF takes (its header within 1024 bytes). */
const HEAD_BYTES = 1024;

/**
 * The deadline of a file transfer: it fires once `idleMs` pass without a sign of progress (a
 * byte sent or received), so a big file on a slow link arrives and a stalled one does not hang.
 */
export interface IdleDeadline {
	/** Fires on silence, or with the execution's cancel signal. */
	signal: AbortSignal;
	/** Progress: the silence is counted from now (plus `graceMs`, e.g. while logging in first). */
	touch(graceMs?: number): void;
}

/**
 * An idle deadline with at most one timer at a time: when the timer fires after progress, it
 * is set again for what is left of the silence, never once per chunk. (n8n's sandbox has no
 * timer functions of its own: AbortSignal.timeout is the timer.)
 */
export function idleDeadline(idleMs: number, cancelSignal?: AbortSignal): IdleDeadline {
	const controller = new AbortController();
	let silentFrom = Date.now();
	const arm = (ms: number) => {
		const timer = AbortSignal.timeout(ms);
		timer.addEventListener(
			'abort',
			() => {
				if (controller.signal.aborted) return;
				const silence = Date.now() - silentFrom;
				if (silence >= idleMs) controller.abort(timer.reason);
				else arm(idleMs - silence);
			},
			{ once: true },
		);
	};
	arm(idleMs);
	cancelSignal?.addEventListener('abort', () => controller.abort(cancelSignal.reason), { once: true });
	return {
		signal: controller.signal,
		touch: (graceMs = 0) => {
			silentFrom = Math.max(silentFrom, Date.now() + graceMs);
		},
	};
}

/** What a file's receiver needs to know to stop it. */
export interface ReceiveLimits {
	/** The most bytes to receive; past it the stream fails. */
	maxBytes: number;
	/** The try's idle deadline (and the execution's cancel signal): every chunk is progress. */
	deadline: IdleDeadline;
	/** Builds the failure for a file over `maxBytes`. */
	tooLarge: () => SigningHubError;
	/** Builds the failure for a stream that broke or was stopped, from its error and the bytes received. */
	broken: (error: unknown, received: number) => SigningHubError;
}

/**
 * Passes a file answer on chunk by chunk, never holding it, and fails the stream (so whatever
 * consumes it fails too, and n8n's binary store keeps nothing) when the file passes the limit,
 * when the deadline or a cancel comes, or when the connection breaks. An announced
 * Content-Length above the limit fails it before any byte is read.
 */
export function receiveFile(body: ByteStream, headers: IDataObject, limits: ReceiveLimits): IncomingFile {
	let size = 0;
	const head: Buffer[] = [];
	let failure: SigningHubError | undefined;
	const fail = (error: SigningHubError) => {
		failure ??= error;
		return failure;
	};
	const passOn = (chunk: Buffer) => {
		// A copy: a slice would keep the whole chunk alive.
		if (size < HEAD_BYTES) head.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - size)));
		size += chunk.length;
		limits.deadline.touch();
		if (size > limits.maxBytes) throw fail(limits.tooLarge());
		return chunk;
	};
	const stream = body.map(passOn, { signal: limits.deadline.signal });
	// The stream's own error comes with the consumer's; this records why, for the item's message.
	stream.on('error', (error) => fail(error instanceof SigningHubError ? error : limits.broken(error, size)));
	body.on('error', (error) => fail(limits.broken(error, size)));
	const stop = () => {
		stream.destroy();
		body.destroy();
	};
	if (Number(headers['content-length']) > limits.maxBytes) {
		stream.destroy(fail(limits.tooLarge()));
		body.destroy();
	}
	return { stream, headers, received: () => size, head: () => Buffer.concat(head), failure: () => failure, stop };
}

/** An error answer to a file request is text from SigningHub: more than this is not worth reading. */
export const MAX_ERROR_BODY_BYTES = 1024 * 1024;

/** The first `limit` bytes of a stream (fewer when it ends first); then it is closed. A signal ends the reading early. */
export async function firstBytesOf(stream: ByteStream, limit: number, signal?: AbortSignal): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	const onAbort = () => stream.destroy();
	signal?.addEventListener('abort', onAbort, { once: true });
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= limit) break;
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, limit);
}

const KILOBYTE = 1000;
/** Max File Size's unit too: a megabyte of 1,000,000 bytes, as the label says. */
export const MEGABYTE = 1000 * KILOBYTE;

/** A size in words: bytes, KB or MB (decimal, as Max File Size counts; MB to a tenth). */
function sizeInWords(bytes: number): string {
	if (bytes < KILOBYTE) return `${bytes} bytes`;
	if (bytes < MEGABYTE) return `${Math.round(bytes / KILOBYTE)} KB`;
	return `${Math.round((bytes / MEGABYTE) * 10) / 10} MB`;
}

/** The connection broke while the file was arriving: nothing was kept, and reading it again may work. */
export function brokenDownload(network: FailureDetails, action: string, received: number): FailureDetails {
	return {
		...network,
		message: `Could not ${action}: the connection broke after ${sizeInWords(received)} of the file`,
		description: `${network.description} Nothing of the file was kept.`,
	};
}

/** A file answer larger than the item allows: dropped while it arrived. */
export function fileTooLarge(action: string, maxBytes: number): FailureDetails {
	const megabytes = Math.round((maxBytes / MEGABYTE) * 100) / 100;
	return {
		reason: 'tooLarge',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: `Could not ${action}: the file is larger than ${megabytes} MB (Max File Size)`,
		description: 'The node stopped receiving it and kept nothing. If the file is expected to be this large, raise the Max File Size option.',
	};
}

/** The file stopped arriving: nothing came for Request Timeout, so it was dropped. */
export function stalledDownload(stall: FailureDetails, action: string, received: number, idleMs: number): FailureDetails {
	return {
		...stall,
		message: `Could not ${action}: SigningHub sent nothing for ${idleMs} ms after ${sizeInWords(received)} of the file`,
		description: `Nothing of the file was kept. Try again later, or raise the 'Request Timeout' option (the longest silence allowed while a file moves) if your SigningHub or the link is slow.`,
	};
}

/** n8n could not keep a received file (its binary store failed or refused it). */
export function storeFailure(error: unknown, action: string): FailureDetails {
	const reason = error instanceof Error ? error.message : String(error);
	return {
		reason: 'config',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: `Could not ${action}: n8n could not store the file (${reason})`,
		description:
			"Check n8n's binary data storage: free disk space for the filesystem mode, N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE for the database mode.",
	};
}
