// Debian's Chromium driven by playwright-core, for the editor test: never a downloaded browser,
// a fresh profile, and no request off this machine (the editor asks the npm registry and n8n's
// servers about things; none of that may leave loopback).
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { chromium, selectors } = require('playwright-core');

const CHROMIUM = process.env.SIGNINGHUB_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const isLoopback = (url) => {
	const { protocol, hostname } = new URL(url);
	if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
	return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
};

/**
 * Starts Chromium with one page. Returns the page, the requests it blocked, what the page
 * logged (console messages of type error and warning, uncaught page errors) and close().
 */
async function openBrowser({ viewport = { width: 1440, height: 900 } } = {}) {
	const profile = mkdtempSync(join(tmpdir(), 'signinghub-chromium-'));
	selectors.setTestIdAttribute('data-test-id');
	const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
	const blocked = [];
	const console = [];
	await context.route('**/*', (route) => {
		const url = route.request().url();
		if (isLoopback(url)) return route.continue();
		blocked.push(url);
		return route.abort('blockedbyclient');
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('console', (message) => {
		if (['error', 'warning'].includes(message.type())) console.push({ type: message.type(), text: message.text(), url: message.location()?.url ?? '' });
	});
	page.on('pageerror', (error) => console.push({ type: 'pageerror', text: `${error.message}\n${error.stack ?? ''}`, url: '' }));
	return {
		page,
		context,
		blocked,
		console,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Signs the page in to a running n8n (see N8nSandbox.startServer) as its owner. */
async function signIn(page, server, owner) {
	await page.goto(`${server.url}/signin`);
	await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
	await page.locator('input[name=password]').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

module.exports = { openBrowser, signIn, CHROMIUM };
