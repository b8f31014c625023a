import { config } from '@n8n/node-cli/eslint';

// n8n's default configuration (the one `n8n-node new` writes), unchanged for everything it lints:
// nodes/, credentials/ and package.json get every rule n8n Cloud's verification runs. The one
// addition is for the tests, which run in Node, never inside n8n, and never ship (package.json
// "files" is dist only): the rules written for code in n8n's sandbox do not apply to them. Why
// that means "strict": false, and what still checks the shipped sources: docs/VERIFICATION.md.
export default [
	...config,
	// As n8n's verification lints them: an eslint-disable comment does not count.
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], linterOptions: { noInlineConfig: true } },
	{
		files: ['test/**/*.ts'],
		rules: {
			// The tests start servers, read the repository's files, spawn processes and wait on timers.
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			// The simulator's made-up credentials, which the tests also look for in every output.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			// The simulator is plain JavaScript without types: tests load it with require and read its JSON answers untyped.
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
];
