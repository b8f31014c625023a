// The SigningHub Trigger's poll against the simulator through a fake poll context (n8n-core's
// real request layer), for the trigger's unit tests.
import type { ICredentialDataDecryptedObject, IDataObject, IPollFunctions } from 'n8n-workflow';

import { SigningHubTrigger } from '../../nodes/SigningHubTrigger/SigningHubTrigger.node';
import { fakePollContext } from './fakeContext';

const { SigningHubSimulator } = require('../simulator/simulator');

export const OWNER = 'owner@example.com';
export const COLLEAGUE = 'colleague@example.com';
export const ALL_EVENTS = ['packageCompleted', 'packageDeclined', 'packageShared', 'recipientSigned'];
const PASSWORDS: Record<string, string> = { [OWNER]: 'owner-pass-7c1e', [COLLEAGUE]: 'colleague-pass-2b8d' };
const CLIENT = { clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a' };

export const recipient = (email: string, role = 'SIGNER') => ({ user_email: email, user_name: email.split('@')[0], role, email_notification: true });

/** `event packageId [email]`, the events' order kept. */
export const summary = (events: IDataObject[]) => events.map((e) => `${String(e.event)} ${String(e.packageId)}${e.email ? ` ${String(e.email)}` : ''}`);

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export interface TriggerOptions {
	events?: string[];
	includeDetails?: boolean;
	/** 'userLogin' (default) or 'accessToken' (a token of `user`, minted from the simulator). */
	authMethod?: 'userLogin' | 'accessToken';
	user?: string;
	/** What `getPollBudgetMs()` answers; absent: the context has no such function (older n8n). */
	pollBudgetMs?: number;
	mode?: string;
}

/** One simulator for a test file; `trigger()` makes a poll context with its own static data. */
export function simulatorHarness() {
	const sim = new SigningHubSimulator();
	let url = '';
	const node = new SigningHubTrigger();

	async function tokenOf(user: string): Promise<string> {
		const form = new URLSearchParams({ grant_type: 'password', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, username: user, password: PASSWORDS[user] });
		const answer = await fetch(`${url}/authenticate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
		return ((await answer.json()) as { access_token: string }).access_token;
	}

	/** A call as `user` (owner calls such as Rename or Share); returns the HTTP status. */
	async function callAs(user: string, method: string, path: string, body?: unknown): Promise<number> {
		const token = await tokenOf(user);
		const headers: Record<string, string> = { authorization: `Bearer ${token}` };
		if (body !== undefined) headers['content-type'] = 'application/json';
		else headers['content-length'] = '0';
		const answer = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		await answer.arrayBuffer();
		return answer.status;
	}

	async function trigger(apiVersion: string, options: TriggerOptions = {}) {
		const user = options.user ?? OWNER;
		const credentials: ICredentialDataDecryptedObject =
			options.authMethod === 'accessToken'
				? { authMethod: 'accessToken', baseUrl: url, apiVersion, accessToken: await tokenOf(user), sessionToken: '' }
				: { authMethod: 'userLogin', baseUrl: url, apiVersion, ...CLIENT, username: user, password: PASSWORDS[user], sessionToken: '' };
		const fake = fakePollContext(credentials, { events: options.events ?? ALL_EVENTS, options: options.includeDetails ? { includeDetails: true } : {} }, options.mode ?? 'trigger');
		let budgetMs = options.pollBudgetMs;
		const context = (budgetMs === undefined ? fake.context : { ...fake.context, getPollBudgetMs: () => budgetMs }) as IPollFunctions;
		const pollRaw = async () => await node.poll.call(context);
		/** One poll's events (an empty list when it returned null). */
		const poll = async () => ((await pollRaw()) ?? [[]])[0].map((item) => item.json);
		/** Changes what `getPollBudgetMs()` answers (set `pollBudgetMs` first). */
		const setBudget = (ms: number) => {
			budgetMs = ms;
		};
		return { poll, pollRaw, staticData: fake.staticData, context, setBudget };
	}

	return {
		sim,
		start: async () => {
			url = await sim.start();
			return url;
		},
		stop: async () => await sim.stop(),
		url: () => url,
		trigger,
		callAs,
		/** API requests (no logins) logged since `from`. */
		apiCalls: (from: number) => (sim.log as IDataObject[]).slice(from).filter((e) => e.path !== '/authenticate'),
	};
}
