// The package in n8n's editor, in a real browser (Debian's Chromium driven by playwright-core),
// the way a user meets it: the nodes panel, the node's panel for every operation, the credential
// dialog in every Authentication mode with its Test, and a run whose items show in the output
// panel. What the editor should show is derived from the node's and the credential's
// descriptions as built in dist/, so a new operation, field or option is covered as it comes.
// SIGNINGHUB_SCREENSHOTS=1 (npm run screenshots) also writes the README's pictures into docs/.
const { mkdirSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');

const { SigningHubSimulator } = require('../simulator/simulator');
const { openBrowser, signIn } = require('./browser');
const { N8nSandbox, nodeOutput, waitFor, NODE_TYPE, OWNER } = require('./n8n');
const { versionsUnderTest } = require('./versions');
const { CLIENT_SECRET, loginCredential } = require('./workflows');

const VERSION = '2.40.7';
const WAIT = 60_000; // generous: the machine is shared with other n8n runs
jest.setTimeout(5 * 60 * 1000);

// Progress on stderr (jest holds console output until the file ends): where a slow run is.
beforeEach(() => process.stderr.write(`editor test: ${expect.getState().currentTestName}\n`));

const repoRoot = resolve(__dirname, '../..');
const manifest = require(join(repoRoot, 'package.json'));
const descriptions = manifest.n8n.nodes.map((path) => new (Object.values(require(join(repoRoot, path)))[0])().description);
const nodeDescription = descriptions.find((description) => !description.polling);
const triggerDescription = descriptions.find((description) => description.polling);
const credentialType = (() => {
	const exports = require(join(repoRoot, manifest.n8n.credentials[0]));
	return new (Object.values(exports)[0])();
})();
const docsDir = process.env.SIGNINGHUB_SCREENSHOTS === '1' ? join(repoRoot, 'docs') : null;

/**
 * n8n's displayOptions for the plain conditions this package uses: every `show` key must hold
 * one of its values, no `hide` key may. '/name' reads a root parameter, '@version' the node's
 * version, '@tool' is false. Any other condition fails the test rather than being guessed.
 */
function displayed(property, root, local = root) {
	const { show, hide } = property.displayOptions ?? {};
	// '@tool': whether this is n8n's tool version of the node (the editor shows the node itself).
	const valueOf = (key) => (key === '@version' ? nodeDescription.version : key === '@tool' ? false : key.startsWith('/') ? root[key.slice(1)] : local[key]);
	const holds = (key, allowed) => {
		if (!Array.isArray(allowed) || allowed.some((value) => value !== null && typeof value === 'object')) {
			throw new Error(`displayOptions condition on "${key}" of "${property.name}" is not supported by displayed(): extend it`);
		}
		return allowed.includes(valueOf(key));
	};
	if (show && !Object.entries(show).every(([key, allowed]) => holds(key, allowed))) return false;
	if (hide && Object.entries(hide).some(([key, allowed]) => holds(key, allowed))) return false;
	return true;
}

const defaultsOf = (properties) => Object.fromEntries(properties.map((property) => [property.name, property.default]));

/** The node's top-level parameters shown for one resource and operation, in order. */
function nodeFieldsFor(resource, operation) {
	const values = { ...defaultsOf(nodeDescription.properties), resource, operation };
	return { values, fields: nodeDescription.properties.filter((property) => property.type !== 'hidden' && displayed(property, values)) };
}

/** Every resource and operation, from the description's own menus. */
function operations() {
	const resourceProperty = nodeDescription.properties.find((property) => property.name === 'resource');
	return resourceProperty.options.flatMap((resource) => {
		const values = { ...defaultsOf(nodeDescription.properties), resource: resource.value };
		const menu = nodeDescription.properties.find((property) => property.name === 'operation' && displayed(property, values));
		return menu.options.map((operation) => ({ resource, operation, menu }));
	});
}

/** The credential's fields a user sees in one Authentication mode, in order (notices apart: see credentialNoticesFor). */
function credentialFieldsFor(authMethod) {
	const values = { ...defaultsOf(credentialType.properties), authMethod };
	return credentialType.properties.filter((property) => !['hidden', 'notice'].includes(property.type) && displayed(property, values));
}

/** The notices the credential shows in one Authentication mode. */
function credentialNoticesFor(authMethod) {
	const values = { ...defaultsOf(credentialType.properties), authMethod };
	return credentialType.properties.filter((property) => property.type === 'notice' && displayed(property, values));
}

const optionName = (property, value) => property.options.find((option) => option.value === value).name;

// --- reading the editor ---------------------------------------------------------------------

/** In the page: a label's own title (without the required-field star). */
const TITLE_SCRIPT = `window.signinghubTitle = (label) => {
	const span = label?.querySelector('span.n8n-text');
	if (!span) return '';
	return [...span.childNodes].filter((child) => child.nodeType === 3).map((child) => child.textContent).join('').trim();
};`;

/** Titles of the visible top-level parameters in the node panel, in order. */
async function nodePanelLabels(page) {
	return await page
		.getByTestId('node-parameters')
		.locator('[data-test-id=parameter-item]')
		.evaluateAll((items) =>
			items
				.filter((item) => item.offsetParent !== null && item.parentElement.closest('[data-test-id=parameter-item]') === null)
				.map((item) => window.signinghubTitle(item.querySelector('label.n8n-input-label[for]') ?? item.querySelector('label.n8n-input-label'))),
		);
}

/**
 * Texts the editor cuts off: visible elements with text of their own whose content is wider
 * than their box while their overflow is clipped (an ellipsis or plain clipping).
 */
async function cutOff(locator) {
	return await locator.evaluateAll((roots) =>
		roots.flatMap((root) =>
			[root, ...root.querySelectorAll('*')]
				.filter((element) => element.offsetParent !== null)
				.filter((element) => [...element.childNodes].some((child) => child.nodeType === 3 && child.textContent.trim() !== ''))
				.filter((element) => {
					const style = getComputedStyle(element);
					return style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1;
				})
				.map((element) => element.textContent.trim()),
		),
	);
}

/** Opens an options list (a parameter's dropdown) and returns the option names shown. */
async function openOptions(page, scope, name) {
	await scope.getByTestId(`parameter-input-${name}`).click();
	const items = page.getByTestId('parameter-input-item').filter({ visible: true });
	await items.first().waitFor();
	return { items, names: await items.locator('.option-headline').allTextContents() };
}

async function choose(page, scope, name, option) {
	const { items, names } = await openOptions(page, scope, name);
	const index = names.indexOf(option);
	if (index < 0) throw new Error(`"${option}" is not among the options of ${name}: ${JSON.stringify(names)}`);
	await items.nth(index).click();
	await items.first().waitFor({ state: 'hidden' });
}

async function closeDropdown(page) {
	await page.keyboard.press('Escape');
	await page.getByTestId('parameter-input-item').filter({ visible: true }).first().waitFor({ state: 'hidden' });
}

async function screenshot(page, name, secrets) {
	if (!docsDir) return;
	// Nothing secret may be on the page: typed secrets sit in inputs, which page.content() misses.
	const shown = await page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((input) => input.value)].join('\n'));
	for (const secret of secrets()) if (shown.includes(secret)) throw new Error(`a secret is on the page; no screenshot ${name}`);
	mkdirSync(docsDir, { recursive: true });
	await page.screenshot({ path: join(docsDir, name) });
}

/**
 * The items a node put out in the workflow's last run from the editor, as n8n recorded it. (Not
 * read from the output panel's JSON view: it shows strings unescaped, so SigningHub's words with
 * quotes in them do not parse back.)
 */
async function lastRunItems(server, n8n, workflowId, nodeName) {
	const { parse } = createRequire(join(n8n.install.dir, 'node_modules/n8n/package.json'))('flatted');
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const execution = await waitFor(async () => {
		const { results } = await server.request('GET', `/rest/executions?filter=${filter}`);
		const finished = results.find((entry) => entry.status === 'success');
		return finished && (await server.request('GET', `/rest/executions/${finished.id}`));
	}, "n8n's record of the run");
	return nodeOutput({ data: parse(execution.data) }, nodeName).map((item) => item.json);
}

// --- the test -------------------------------------------------------------------------------

const run = versionsUnderTest().includes(VERSION) ? describe : describe.skip;

run(`the editor of n8n ${VERSION}, in Chromium`, () => {
	const simulator = new SigningHubSimulator();
	let simulatorUrl;
	let n8n;
	let server;
	let browser;
	let page;
	let accessToken;
	const secrets = () => [CLIENT_SECRET, 'owner-pass-7c1e', 'admin-pass-9e3f', 'wrong-pass-5e1d', OWNER.password, ...simulator.issued];

	beforeAll(async () => {
		simulatorUrl = await simulator.start();
		simulator.reset({
			clients: [
				...['editor-run', 'editor-token', 'editor-userLogin', 'editor-enterpriseScope', 'editor-accessToken', 'editor-wrong', 'editor-edited'].map((id) => ({ id, secret: CLIENT_SECRET })),
				{ id: 'editor-clientCredentials', secret: CLIENT_SECRET, registeredBy: 'owner@example.com' },
			],
			packages: [{ id: 13, owner: 'colleague@example.com' }],
		});
		// A token for Access Token mode, as a user would get one from SigningHub.
		const answer = await fetch(`${simulatorUrl}/authenticate`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'password', client_id: 'editor-token', client_secret: CLIENT_SECRET, username: 'owner@example.com', password: 'owner-pass-7c1e' }),
		});
		accessToken = (await answer.json()).access_token;
		n8n = await N8nSandbox.create(VERSION);
		server = await n8n.startServer();
		browser = await openBrowser();
		page = browser.page;
		await browser.context.addInitScript(TITLE_SCRIPT);
		page.setDefaultTimeout(WAIT);
		await signIn(page, server, OWNER);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await simulator.stop();
		n8n?.cleanup();
	});

	const ops = operations();

	describe('the nodes panel and the node panel', () => {
		beforeAll(async () => {
			// A workflow that has its trigger: the nodes panel then offers actions first, as when a user adds a step.
			const manual = { id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
			const workflow = await server.request('POST', '/rest/workflows', { name: 'Editor test', nodes: [manual], connections: {}, settings: { executionOrder: 'v1' }, active: false });
			await page.goto(`${server.url}/workflow/${workflow.id}`);
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill(nodeDescription.displayName);
		});

		// n8n shows a package's node and trigger as one entry, under the node's name, with one of their descriptions.
		test('the nodes panel finds the node, with its icon and a one-line description', async () => {
			const item = page.getByTestId('item-iterator-item').filter({ has: page.getByTestId('node-creator-item-name').getByText(nodeDescription.displayName, { exact: true }) });
			await item.waitFor();
			const icon = await item.locator('img').first().evaluate((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth }));
			expect(icon.width).toBeGreaterThan(0);
			const texts = (await item.allInnerTexts()).join('\n');
			const shown = [nodeDescription.description, triggerDescription.description].find((candidate) => texts.includes(candidate));
			expect({ texts, shown: shown ?? null }).toEqual({ texts, shown: expect.any(String) });
			const description = item.getByText(shown, { exact: true });
			const lines = await description.evaluate((element) => Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)));
			expect({ shown, lines }).toEqual({ shown, lines: 1 });
		});

		test('its actions list every operation by its action name', async () => {
			await page.getByTestId('node-creator-item-name').getByText(nodeDescription.displayName, { exact: true }).click();
			const actions = ops.map(({ operation }) => operation.action);
			await expect(page.getByTestId('node-creator-category-item').allTextContents()).resolves.toContain(`Actions (${actions.length})`);
			// n8n renders a long list as it scrolls: read it down to its end.
			const seen = [];
			for (let pass = 0; pass < 20 && seen.length < actions.length; pass++) {
				const texts = (await page.getByTestId('item-iterator-item').allTextContents()).map((text) => text.trim()).filter((text) => actions.includes(text));
				for (const text of texts) if (!seen.includes(text)) seen.push(text);
				await page.getByTestId('item-iterator-item').last().scrollIntoViewIfNeeded();
			}
			expect(seen).toEqual(actions);
			const first = page.getByTestId('item-iterator-item').getByText(actions[0], { exact: true });
			await first.scrollIntoViewIfNeeded();
			await first.click();
			await page.getByTestId('ndv').waitFor();
			await expect(page.getByTestId('canvas-node').count()).resolves.toBeGreaterThan(0);
		});

		test('the Resource and Operation lists show every operation by its name', async () => {
			const resource = nodeDescription.properties.find((property) => property.name === 'resource');
			const params = page.getByTestId('node-parameters');
			expect((await openOptions(page, params, 'resource')).names).toEqual(resource.options.map((option) => option.name));
			await closeDropdown(page);
			for (const { resource: chosen, menu } of ops.filter((op, index, all) => all.findIndex((other) => other.resource === op.resource) === index)) {
				await choose(page, params, 'resource', chosen.name);
				expect((await openOptions(page, params, 'operation')).names).toEqual(menu.options.map((option) => option.name));
				await closeDropdown(page);
			}
		});

		/** Options already added once, per collection: the ones every operation shares are added for the first only. */
		const addedOptions = new Set();

		test.each(ops.map((op) => [`${op.resource.name} > ${op.operation.name}`, op]))(
			'%s shows its fields and options, and no others, none cut off',
			async (_, { resource, operation }) => {
				const params = page.getByTestId('node-parameters');
				await choose(page, params, 'resource', resource.name);
				await choose(page, params, 'operation', operation.name);
				const { values, fields } = nodeFieldsFor(resource.value, operation.value);
				// A notice has no label (its text is the notice); a resource mapper shows n8n's own mode field first.
				const label = (field) => ({ notice: '', resourceMapper: 'Mapping Column Mode' })[field.type] ?? field.displayName;
				await expect(nodePanelLabels(page)).resolves.toEqual(fields.map(label));
				const collections = fields.filter((field) => field.type === 'collection');
				const itemOf = (collection) => params.locator('[data-test-id=parameter-item]').filter({ has: page.locator(`label[for="${collection.name}"]`) });
				try {
					for (const collection of collections) {
						const item = itemOf(collection);
						const expected = collection.options.filter((option) => displayed(option, values, {}));
						await item.getByTestId('collection-parameter-add').click();
						const offered = page.getByTestId('collection-parameter-option').filter({ visible: true });
						await offered.first().waitFor();
						expect((await offered.allTextContents()).map((text) => text.trim()).sort()).toEqual(expected.map((option) => option.displayName).sort());
						expect(await cutOff(offered)).toEqual([]);
						await page.keyboard.press('Escape');
						// Add each option, the first time an operation shows it: its field appears under its full name.
						const fresh = expected.filter((option) => !addedOptions.has(`${collection.name}:${option.name}:${option.displayName}`));
						for (const option of fresh) {
							addedOptions.add(`${collection.name}:${option.name}:${option.displayName}`);
							await item.getByTestId('collection-parameter-add').click();
							await page.getByTestId('collection-parameter-option').filter({ visible: true }).getByText(option.displayName, { exact: true }).click();
							await item.locator(`label[for="${option.name}"]`).waitFor();
						}
						const shown = await item
							.locator('label.n8n-input-label')
							.evaluateAll((labels) => labels.filter((label) => label.getAttribute('for') !== null).map((label) => window.signinghubTitle(label)));
						expect(shown.filter((title) => title !== collection.displayName)).toEqual(fresh.map((option) => option.displayName));
					}
					if (operation === ops[0].operation) await screenshot(page, 'editor-node.png', secrets);
					expect(await cutOff(params)).toEqual([]);
				} finally {
					// Leave the options empty for the next operation (once all are added, n8n hides "Add option").
					for (const collection of collections) {
						const remove = itemOf(collection).locator('button[title=Delete]');
						while ((await remove.count()) > 0) await remove.first().click();
					}
				}
			},
		);

		// n8n appends its tracking query to the link: after an #anchor it spoils the anchor.
		test('the Docs link lands on the section it names', async () => {
			const href = await page.getByTestId('ndv').getByRole('link', { name: 'Docs' }).getAttribute('href');
			expect({ href, anchorSpoilt: new URL(href).hash.includes('?') }).toEqual({ href, anchorSpoilt: false });
		});
	});

	describe('the credential dialog and a run', () => {
		let workflowId;

		beforeAll(async () => {
			const credential = loginCredential('editor-run', simulatorUrl);
			const created = await server.request('POST', '/rest/credentials', { name: 'SigningHub (run)', type: credential.type, data: { ...credential.data, clientId: 'editor-run' } });
			const trigger = 'When clicking ‘Execute workflow’';
			const workflow = await server.request('POST', '/rest/workflows', {
				name: 'Complete packages',
				settings: { executionOrder: 'v1' },
				nodes: [
					{ id: 'trigger', name: trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'items', name: 'Packages', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: 'return [11, 12, 13].map((id) => ({ json: { id } }));' } },
					{
						id: 'signinghub',
						name: nodeDescription.defaults.name,
						type: NODE_TYPE,
						typeVersion: nodeDescription.version,
						position: [440, 0],
						onError: 'continueRegularOutput',
						credentials: { [credentialType.name]: { id: created.id, name: created.name } },
						parameters: { resource: 'workflow', operation: 'complete', packageId: '={{ $json.id }}', options: {} },
					},
				],
				connections: {
					[trigger]: { main: [[{ node: 'Packages', type: 'main', index: 0 }]] },
					Packages: { main: [[{ node: nodeDescription.defaults.name, type: 'main', index: 0 }]] },
				},
			});
			workflowId = workflow.id;
			await page.goto(`${server.url}/workflow/${workflowId}`);
			await page.getByTestId('canvas-node').filter({ hasText: nodeDescription.defaults.name }).dblclick();
			await page.getByTestId('ndv').waitFor();
		});

		const modal = () => page.getByTestId('editCredential-modal');
		const dialog = () => page.getByTestId('credential-edit-dialog');

		async function newCredential() {
			// A dialog a failed test before left open would block the node panel.
			if (await modal().isVisible()) await closeCredential();
			await page.getByTestId('node-credentials-select').click();
			await page.getByTestId('node-credentials-select-item-new').click();
			await modal().waitFor();
		}

		async function closeCredential() {
			await modal().getByRole('button', { name: 'Close this dialog' }).click();
			await modal().waitFor({ state: 'hidden' });
		}

		/** Our fields visible in the dialog, by name, in order; n8n's own fields are left out. */
		async function credentialFieldsShown() {
			const ours = new Set(credentialType.properties.map((property) => property.name));
			const names = await dialog()
				.locator('[data-test-id=credential-connection-parameter] [data-test-id^=parameter-input-]')
				.evaluateAll((inputs) => inputs.filter((input) => input.offsetParent !== null).map((input) => input.getAttribute('data-test-id').slice('parameter-input-'.length)));
			return names.filter((name) => ours.has(name));
		}

		async function credentialLabel(name) {
			return await dialog()
				.locator('[data-test-id=credential-connection-parameter]')
				.filter({ has: page.getByTestId(`parameter-input-${name}`) })
				.locator('label.n8n-input-label')
				.first()
				.evaluate((label) => window.signinghubTitle(label));
		}

		/** Picks the mode, checks the fields it shows, fills them in from `values`, saves. */
		async function fillCredential(authMethod, values) {
			const authProperty = credentialType.properties.find((property) => property.name === 'authMethod');
			await choose(page, dialog(), 'authMethod', optionName(authProperty, authMethod));
			const expected = credentialFieldsFor(authMethod);
			await expect(credentialFieldsShown()).resolves.toEqual(expected.map((field) => field.name));
			for (const field of expected) {
				await expect(credentialLabel(field.name)).resolves.toBe(field.displayName);
				if (field.hint) await expect(dialog().getByText(field.hint, { exact: true }).isVisible()).resolves.toBe(true);
			}
			for (const notice of credentialNoticesFor(authMethod)) await expect(dialog().getByText(notice.displayName).isVisible()).resolves.toBe(true);
			expect(await cutOff(dialog())).toEqual([]);
			for (const field of expected) {
				if (!(field.name in values)) continue;
				if (field.type === 'options') await choose(page, dialog(), field.name, optionName(field, values[field.name]));
				else await dialog().getByTestId(`parameter-input-${field.name}`).locator('input').fill(values[field.name]);
			}
			await saveAndTest();
		}

		/** Saves the dialog and waits for the Test n8n runs on saving. */
		async function saveAndTest() {
			const tested = page.waitForResponse((response) => new URL(response.url()).pathname === '/rest/credentials/test');
			await page.getByTestId('credential-save-button').click();
			await tested;
		}

		/** After Save: n8n closes the dialog when Test passed; reopened, it shows the test's outcome. */
		async function expectTestPassed() {
			const failed = modal().getByText('Couldn’t connect with these settings');
			await Promise.race([modal().waitFor({ state: 'hidden' }), failed.waitFor()]);
			if (await failed.isVisible()) {
				const more = modal().getByText('More details');
				if (await more.isVisible()) await more.click();
				throw new Error(`Test failed: ${await failed.locator('xpath=../..').innerText()}`);
			}
			if (!(await modal().isVisible())) await page.getByTestId('credential-edit-button').click();
			await modal().getByTestId('credentials-config-container-test-success').waitFor();
		}

		async function expectTestFailedWith(words) {
			const failed = modal().getByText('Couldn’t connect with these settings');
			expect(await modal().isVisible()).toBe(true);
			await failed.waitFor().catch(async () => {
				const shown = await modal().locator('[data-test-id^=credentials-config-container-test]').allInnerTexts();
				throw new Error(`Test did not fail; the dialog shows: ${JSON.stringify(shown)}`);
			});
			const more = modal().getByText('More details');
			if (await more.isVisible()) await more.click();
			await expect(modal().getByText(words).first().isVisible()).resolves.toBe(true);
		}

		/** SigningHub's own words for a login with this password, asked of it directly. */
		async function signingHubSays(clientId, password) {
			const answer = await fetch(`${simulatorUrl}/authenticate`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'password', client_id: clientId, client_secret: CLIENT_SECRET, username: 'owner@example.com', password }),
			});
			const body = await answer.json();
			expect(answer.status).toBeGreaterThanOrEqual(400);
			return body.error_description;
		}

		const login = (clientId, apiVersion) => ({ baseUrl: simulatorUrl, apiVersion, clientId, clientSecret: CLIENT_SECRET, username: 'owner@example.com', password: 'owner-pass-7c1e' });
		const MODES = {
			userLogin: { values: () => login('editor-userLogin', 'v3'), actingUser: 'owner@example.com' },
			enterpriseScope: {
				values: () => ({ ...login('editor-enterpriseScope', 'v4'), username: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'owner@example.com' }),
				actingUser: 'owner@example.com',
			},
			accessToken: { values: () => ({ baseUrl: simulatorUrl, apiVersion: 'v3', accessToken }), tokenClient: 'editor-token' },
			// The simulator's client-credentials token acts as the client's `registeredBy` (its README, "Client credentials").
			clientCredentials: { values: () => ({ baseUrl: simulatorUrl, apiVersion: 'v4', clientId: 'editor-clientCredentials', clientSecret: CLIENT_SECRET }), actingUser: 'owner@example.com' },
		};

		test('the credential offers exactly the modes this test knows', () => {
			const authProperty = credentialType.properties.find((property) => property.name === 'authMethod');
			expect(authProperty.options.map((option) => option.value).sort()).toEqual(Object.keys(MODES).sort());
		});

		test.each(Object.keys(MODES))('a credential in %s mode: its fields, and Test passes against SigningHub', async (authMethod) => {
			const mode = MODES[authMethod];
			const values = mode.values();
			const before = simulator.log.length;
			await newCredential();
			await fillCredential(authMethod, values);
			await expectTestPassed();
			if (authMethod === 'enterpriseScope') await screenshot(page, 'editor-credential.png', secrets);
			await closeCredential();
			const probes = simulator.log.slice(before).filter((entry) => entry.path !== '/authenticate');
			expect(probes.length).toBeGreaterThan(0);
			for (const probe of probes) {
				expect(probe.status).toBe(200);
				expect(probe.path.startsWith(`/${values.apiVersion}/`)).toBe(true);
				expect(probe.clientId).toBe(mode.tokenClient ?? values.clientId);
				if (mode.actingUser) expect(probe.actingUser).toBe(mode.actingUser);
			}
		});

		test('the docs link of the dialog lands on the section it names', async () => {
			await newCredential();
			const href = await modal().getByRole('link', { name: 'docs' }).getAttribute('href');
			await closeCredential();
			expect({ href, anchorSpoilt: new URL(href).hash.includes('?') }).toEqual({ href, anchorSpoilt: false });
		});

		test("a wrong password: Test fails with SigningHub's own words", async () => {
			const words = await signingHubSays('editor-wrong', 'wrong-pass-5e1d');
			await newCredential();
			await fillCredential('userLogin', { ...login('editor-wrong', 'v3'), password: 'wrong-pass-5e1d' });
			await expectTestFailedWith(words);
			await closeCredential();
		});

		test("a saved credential whose password is changed to a wrong one: Test fails with SigningHub's words", async () => {
			await newCredential();
			await fillCredential('userLogin', login('editor-edited', 'v3'));
			await expectTestPassed();
			const words = await signingHubSays('editor-edited', 'wrong-pass-5e1d');
			await dialog().getByTestId('parameter-input-password').locator('input').fill('wrong-pass-5e1d');
			await saveAndTest();
			await expectTestFailedWith(words);
			await closeCredential();
		});

		test('executing the node shows one output item per package: a success and the errors, with advice that fits', async () => {
			// Package 12: SigningHub refuses with a 403 that is not about ownership; 13 belongs to someone else.
			const refusal = 'You are not authorized to access enterprise management';
			simulator.addFaults({ method: 'POST', path: '^/v3/packages/12/complete$', status: 403, body: { Message: refusal } });
			// The credentials made above were each assigned to the node as they were made.
			if (await modal().isVisible()) await closeCredential();
			await page.getByTestId('node-credentials-select').click();
			await page.locator('[data-test-id^=node-credentials-select-item-]').filter({ hasText: 'SigningHub (run)' }).click();
			await page.getByTestId('node-execute-button').click();
			await page.getByTestId('output-panel').getByTestId('node-run-status-success').waitFor();
			await page.getByTestId('output-panel').getByTestId('radio-button-table').click();
			await screenshot(page, 'editor-output.png', secrets);
			const items = await lastRunItems(server, n8n, workflowId, nodeDescription.defaults.name);
			expect(items).toHaveLength(3);
			expect(items[0]).toEqual({ packageId: 11, completed: true });
			expect(simulator.packageOf(11).status).toBe('COMPLETED');
			const [, refused, notOwner] = items.map((item) => item.error);
			expect(refused).toMatchObject({ packageId: 12, httpCode: 403, signingHubMessage: refusal });
			expect(notOwner).toMatchObject({ packageId: 13, signingHubMessage: 'You are not authorized to view this document' });
			// The ownership advice answers SigningHub's documented "not authorized to view this
			// document"; a 403 about enterprise management must not get it.
			expect(notOwner.description).toEqual(expect.any(String));
			expect(refused.description).not.toBe(notOwner.description);
		});

		test('nothing the browser shows or logs holds a secret', async () => {
			const text = `${await page.evaluate(() => document.body.innerText)}\n${JSON.stringify(browser.console)}\n${server.output()}`;
			for (const secret of secrets()) expect(text.includes(secret) ? secret : null).toBeNull();
		});
	});

	// The editor asks the npm registry about the package; this test blocks that request, and the
	// console's note of it is the test's doing, not the package's.
	test('the browser console shows no error from the package', () => {
		const fromPackage = browser.console
			.filter((entry) => !browser.blocked.includes(entry.url))
			.filter((entry) => /signinghub/i.test(`${entry.text} ${entry.url}`));
		expect(fromPackage).toEqual([]);
	});
});
