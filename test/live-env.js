// The SigningHub credential a shell script builds from the demo's variables (SIGNINGHUB_BASE_URL
// and those below): `npm run demo` and `npm run check:live` read the same ones.
function credentialFromEnv(env = process.env) {
	return {
		baseUrl: env.SIGNINGHUB_BASE_URL,
		apiVersion: env.SIGNINGHUB_API_VERSION || 'v4',
		authMethod: env.SIGNINGHUB_ACCESS_TOKEN ? 'accessToken' : env.SIGNINGHUB_SCOPE ? 'enterpriseScope' : 'userLogin',
		accessToken: env.SIGNINGHUB_ACCESS_TOKEN,
		clientId: env.SIGNINGHUB_CLIENT_ID,
		clientSecret: env.SIGNINGHUB_CLIENT_SECRET,
		username: env.SIGNINGHUB_USERNAME,
		password: env.SIGNINGHUB_PASSWORD,
		scope: env.SIGNINGHUB_SCOPE,
		ignoreSslIssues: env.SIGNINGHUB_IGNORE_SSL_ISSUES === 'true',
	};
}

/** The credential as the examples name it, so their SigningHub nodes find it once imported. */
const EXAMPLE_CREDENTIAL = { id: 'signinghub-example', name: 'SigningHub account', type: 'signingHubApi' };

module.exports = { credentialFromEnv, EXAMPLE_CREDENTIAL };
