// Runs the lint half of n8n's verification gate (scanner.mjs's analyzePackage) on one folder
// and prints its result as JSON on the last line. ESM, in its own process: the scanner is an
// ES module that jest cannot import.
//   node scan.mjs <scanner.mjs> <folder> '<JSON array of glob patterns>'
import { pathToFileURL } from 'node:url';

const [scannerPath, dir, patterns] = process.argv.slice(2);
const { analyzePackage } = await import(pathToFileURL(scannerPath).href);
const result = await analyzePackage(dir, JSON.parse(patterns));
console.log(JSON.stringify({ passed: result.passed, message: result.message ?? null, details: result.details ?? null }));
