module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/simulator/**/*.test.ts'],
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
		},
	],
};
