/**
 * The transport: URLs and API versions (endpoints.ts), the credential's login (auth.ts), the
 * run's token (session.ts), the retrying request (client.ts), SigningHub's error bodies and the
 * one error family (errors.ts), and how all of it rides on n8n's request helpers (n8nBridge.ts).
 * It speaks of requests, not of packages.
 */
export { DEFAULT_TRANSPORT_OPTIONS, retryDelayMs, SigningHubClient, type Answer, type RequestSpec, type TransportOptions } from './client';
export type { ApiVersion } from './endpoints';
export { firstBytesOf, MEGABYTE, type IncomingFile, type StoredFile } from './fileStreams';
export { CANCELLED, CONFIG_FAILURE, errorPayload, invalidInput, RequestFailure, SigningHubError, toNodeError } from './errors';
