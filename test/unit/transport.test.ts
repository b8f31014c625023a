import { normalizeBaseUrl } from '../../nodes/SigningHub/transport/auth';
import { PATHS, resolvePath } from '../../nodes/SigningHub/transport/endpoints';
import { describeHttpFailure, describeNetworkFailure, forCall, SigningHubError, signingHubMessageOf } from '../../nodes/SigningHub/transport/errors';
import { retryDelayMs } from '../../nodes/SigningHub/transport';

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api.signinghub.com', 'https://api.signinghub.com'],
		['https://api.signinghub.com///', 'https://api.signinghub.com'],
		[' https://sh-api.keysign.eu/ ', 'https://sh-api.keysign.eu'],
		['https://api.example.internal/signinghub/', 'https://api.example.internal/signinghub'],
		['http://localhost:3000/', 'http://localhost:3000'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['http://[::1]:8080', 'http://[::1]:8080'],
	])('accepts %p', (given, expected) => {
		expect(normalizeBaseUrl(given)).toBe(expected);
	});

	it.each([
		['api.signinghub.com', /not a valid URL/],
		['ftp://api.signinghub.com', /must start with https/],
		['file:///etc/passwd', /must start with https/],
		['http://api.signinghub.com', /plain http/],
		['http://10.0.0.5', /plain http/],
		['https://api.signinghub.com?x=1', /query/],
		['https://user:pw@api.signinghub.com', /user name/],
		['', /not a valid URL/],
	])('refuses %p', (given, message) => {
		expect(() => normalizeBaseUrl(given)).toThrow(message);
	});
});

describe('PATHS', () => {
	it('holds the documented paths of both API versions, with their sources', () => {
		expect(resolvePath('completeWorkflow', 'v3', { packageId: 123 })).toBe('/v3/packages/123/complete');
		expect(resolvePath('completeWorkflow', 'v4', { packageId: 123 })).toBe('/v4/packages/123/complete');
		expect(resolvePath('workflow', 'v3', { packageId: 5 })).toBe('/v3/packages/5/workflow');
		expect(resolvePath('packages', 'v4', { status: 'ALL', page: 1, perPage: 1 })).toBe('/v4/packages/ALL/1/1');
		for (const entry of Object.values(PATHS)) expect(entry.source).toMatch(/^(documented|client code)/);
	});

	it('encodes path parameters, so a value cannot change the path', () => {
		expect(resolvePath('workflow', 'v4', { packageId: '1/../2?x' })).toBe('/v4/packages/1%2F..%2F2%3Fx/workflow');
	});
});

describe('signingHubMessageOf', () => {
	it.each([
		[{ Message: 'Document not found' }, 'Document not found'],
		['{"Message":"Account is disabled"}', 'Account is disabled'],
		[{ error: 'invalid_grant', error_description: 'Invalid username or password' }, 'Invalid username or password'],
		[{ Error: 'otp_required', Message: 'OTP needed' }, 'OTP needed'],
		['<html><body>502 Bad Gateway</body></html>', null],
		['{"Message": "truncated', null],
		['', null],
		[undefined, null],
	])('reads %p', (body, expected) => {
		expect(signingHubMessageOf(body)).toBe(expected);
	});
});

describe('describeHttpFailure', () => {
	const action = 'complete package 1';
	it('marks only 429, 502, 503 and 504 as worth retrying', () => {
		const transient = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504].filter(
			(status) => describeHttpFailure(status, {}, action, 'userLogin').transient,
		);
		expect(transient).toEqual([429, 502, 503, 504]);
	});

	it('explains ownership errors with the scope fix', () => {
		const failure = describeHttpFailure(400, { Message: 'You are not authorized to view this document' }, action, 'userLogin');
		expect(failure).toMatchObject({ responseStatus: 400, signingHubMessage: 'You are not authorized to view this document' });
		expect(failure.description).toMatch(/Act as User/);
	});

	it('tells an access-token user to paste a fresh token', () => {
		expect(describeHttpFailure(401, { Message: 'Request authorization denied' }, action, 'accessToken').description).toMatch(/fresh token/);
	});

	it("tells a call SigningHub does not know (ASP.NET Web API's words) from an item it does not find", () => {
		const unknown = describeHttpFailure(404, { Message: 'No HTTP resource was found that matches the request URI' }, action, 'userLogin');
		expect(unknown).toMatchObject({ reason: 'routeUnknown', responseStatus: 404, transient: false, message: `Could not ${action}: No HTTP resource was found that matches the request URI` });
		expect(unknown.description).toMatch(/no such call at all.*API Version/);
		expect(forCall(unknown, 'GET', '/v4/packages/1/verification').description).toMatch(/^GET \/v4\/packages\/1\/verification: SigningHub answered that it has no such call/);
		expect(forCall(new SigningHubError(unknown), 'GET', '/v4/x')).toMatchObject({ message: unknown.message, method: 'GET', path: '/v4/x' });
		expect(describeHttpFailure(404, { Message: 'Document not found' }, action, 'userLogin').reason).toBe('notFound');
		expect(describeHttpFailure(404, '<html>Not Found</html>', action, 'userLogin').reason).toBe('notSigningHub');
	});

	it('keeps the status of a non-JSON body', () => {
		expect(describeHttpFailure(502, '<html>proxy</html>', action, 'userLogin')).toMatchObject({
			responseStatus: 502,
			signingHubMessage: null,
			message: `Could not ${action} (HTTP 502)`,
		});
	});
});

describe('describeNetworkFailure', () => {
	it('treats refused and reset connections and timeouts as transient, certificate errors not', () => {
		expect(describeNetworkFailure({ code: 'ECONNREFUSED' }, 'https://x').transient).toBe(true);
		expect(describeNetworkFailure({ cause: { code: 'ECONNRESET' } }, 'https://x').transient).toBe(true);
		expect(describeNetworkFailure(new Error('timeout of 100ms exceeded'), 'https://x', 100).message).toMatch(/within 100 ms/);
		const tls = describeNetworkFailure({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'https://x');
		expect(tls.transient).toBe(false);
		expect(tls.description).toMatch(/Ignore SSL Issues/);
	});
});

describe('retryDelayMs', () => {
	it('honours Retry-After in seconds and as an HTTP date, within a cap', () => {
		const now = Date.parse('2026-11-29T12:00:00Z');
		expect(retryDelayMs(1, '2', now)).toBe(2000);
		expect(retryDelayMs(1, 'Sun, 29 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(retryDelayMs(1, '3600', now)).toBe(30_000);
		expect(retryDelayMs(1, '-5', now)).toBe(0);
	});

	it('backs off exponentially with jitter when SigningHub gives no hint', () => {
		expect(retryDelayMs(1, undefined, 0, 0)).toBe(250);
		expect(retryDelayMs(1, undefined, 0, 1)).toBe(500);
		expect(retryDelayMs(3, undefined, 0, 1)).toBe(2000);
		expect(retryDelayMs(10, undefined, 0, 1)).toBe(10_000);
		expect(retryDelayMs(2, 'soon', 0, 0.5)).toBe(750);
	});
});

describe('PATHS sources', () => {
	it('name the v3 guide pages of Upload, Apply Template and Rename, and the v4 source exactly', () => {
		expect(PATHS.documents.source).toMatch(/^documented: .*v3 guide page 1022/);
		expect(PATHS.applyTemplate.source).toMatch(/^documented: .*v3 guide page 1024/);
		expect(PATHS.renamePackage.source).toMatch(/^documented: Rename Package \(v3 guide 1149/);
		for (const entry of Object.values(PATHS)) expect(entry.source).not.toMatch(/v4 specification/);
	});
});

describe("n8n's SSRF protection", () => {
	/** What n8n 2.40's @n8n/backend-network throws (SsrfBlockedIpError), as it reaches the transport. */
	const blocked = (ip: string, hostname?: string) =>
		Object.assign(new Error('The request was blocked because it resolves to a restricted IP address'), { name: 'SsrfBlockedIpError', ip, hostname });

	it('names the cause and the variable that allows an address', () => {
		const failure = describeNetworkFailure(blocked('127.0.0.1'), 'http://127.0.0.1:8080');
		expect(failure).toMatchObject({ reason: 'blocked', transient: false, responseStatus: null });
		expect(failure.message).toBe("n8n's SSRF protection blocked the request to 127.0.0.1: The request was blocked because it resolves to a restricted IP address");
		expect(failure.description).toMatch(/N8N_SSRF_PROTECTION_ENABLED=true/);
		expect(failure.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES=127\.0\.0\.1\/32 \(N8N_SSRF_ALLOWED_HOSTNAMES allows host names, not addresses\)/);
	});

	it('for a host name, names N8N_SSRF_ALLOWED_HOSTNAMES first, found under a wrapping error', () => {
		const wrapped = Object.assign(new Error('connect failed'), { cause: blocked('10.0.0.5', 'signinghub.internal') });
		const failure = describeNetworkFailure(wrapped, 'https://signinghub.internal');
		expect(failure.message).toMatch(/^n8n's SSRF protection blocked the request to signinghub\.internal: /);
		expect(failure.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES=signinghub\.internal, or its address, N8N_SSRF_ALLOWED_IP_RANGES=10\.0\.0\.5\/32/);
	});
});

describe('state refusals', () => {
	it.each([
		[403, 'Document should be recalled by owner in In Progress or Pending state'],
		[403, 'Downloading document is not allowed in draft mode'],
	])("%p %p: SigningHub's words, and advice about the package's status", (status, said) => {
		const failure = describeHttpFailure(status, { Message: said }, 'recall package 5', 'userLogin');
		expect(failure).toMatchObject({ reason: 'refused', signingHubMessage: said, message: `Could not recall package 5: ${said}` });
		expect(failure.description).toMatch(/^The package's status does not allow this/);
	});
});
