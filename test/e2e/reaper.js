// Kills the process groups a test started when the test process goes away without stopping
// them (a crash, Ctrl-C, a jest timeout, SIGKILL), then removes the folders they used. Started
// detached by services.js, it reads lines on stdin: "+<pgid>" / "-<pgid>" for a process group,
// "+dir:<path>" / "-dir:<path>" for a folder. When stdin closes (its parent is gone), it sends
// SIGTERM to every group still listed, SIGKILL a few seconds later, removes the folders, exits.
const { rmSync } = require('node:fs');

const groups = new Set();
const dirs = new Set();
let buffered = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffered += chunk;
	const lines = buffered.split('\n');
	buffered = lines.pop();
	for (const line of lines) {
		if (line.slice(1).startsWith('dir:')) {
			const dir = line.slice(5);
			if (line.startsWith('+')) dirs.add(dir);
			else dirs.delete(dir);
			continue;
		}
		const pid = Number(line.slice(1));
		if (!Number.isInteger(pid) || pid <= 1) continue;
		if (line.startsWith('+')) groups.add(pid);
		else if (line.startsWith('-')) groups.delete(pid);
	}
});

const signalAll = (signal) => {
	for (const pid of groups) {
		try {
			process.kill(-pid, signal);
		} catch {
			groups.delete(pid);
		}
	}
};

const removeDirs = () => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
};

process.stdin.on('end', () => {
	if (groups.size === 0) {
		removeDirs();
		process.exit(0);
	}
	signalAll('SIGTERM');
	setTimeout(() => {
		signalAll('SIGKILL');
		setTimeout(() => {
			removeDirs();
			process.exit(0);
		}, 500);
	}, 5000);
});
// Ignore the terminal's Ctrl-C: it is the parent's to handle; this one cleans up after it.
process.on('SIGINT', () => {});
