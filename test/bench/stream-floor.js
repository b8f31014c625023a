// The floor of streaming a download to disk in Node, without n8n: `count` downloads at once of
// `url` through n8n's own axios (responseType 'stream') into files (fs.promises.writeFile of the
// stream, as n8n's filesystem binary mode does), optionally through Readable.map() as the node's
// size guard. Prints this process's peak resident memory (VmHWM) in MB; run by files.js with
// n8n's Node.  node stream-floor.js <axios dir> <url> <token> <count> <plain|map> <dir>
const { readFileSync } = require('node:fs');
const { rm, writeFile } = require('node:fs/promises');
const { join } = require('node:path');

const [axiosDir, url, token, count, mode, dir] = process.argv.slice(2);
const axios = require(axiosDir);

async function main() {
	await Promise.all(
		Array.from({ length: Number(count) }, async (_, i) => {
			const answer = await axios({ url, responseType: 'stream', headers: { Accept: 'application/octet-stream', Authorization: `Bearer ${token}` } });
			const body = mode === 'map' ? answer.data.map((chunk) => chunk, { signal: new AbortController().signal }) : answer.data;
			const file = join(dir, `floor-${process.pid}-${i}`);
			await writeFile(file, body);
			await rm(file);
		}),
	);
	console.log(Number(readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/)[1]) / 1024);
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
