// Writes the license texts of the production dependencies next to each bundle. ncc's own --license output
// keeps only the last chunk's packages once a bundle is split (the `yaml` reader loads as its own chunk), so
// this lists every production dependency in package-lock.json: a superset of what any one bundle holds.
//
//   node scripts/licenses.mjs dist/licenses.txt dist/cli/licenses.txt
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

const seen = new Map();
for (const [path, meta] of Object.entries(lock.packages)) {
  if (path === '' || meta.dev || meta.devOptional) continue;
  const dir = join(root, path);
  if (!existsSync(dir)) continue; // an optional dependency not installed here
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const key = `${name}@${version}`;
  if (seen.has(key)) continue;
  const file = readdirSync(dir).find((f) => /^licen[cs]e(?:\.(?:md|txt))?$/i.test(f));
  const text = file
    ? readFileSync(join(dir, file), 'utf8').trim()
    : `(no license file; package.json says ${license})`;
  seen.set(key, `${name} ${version}\n${license ?? ''}\n${text}\n`);
}

const body = [...seen.keys()]
  .sort()
  .map((key) => seen.get(key))
  .join('\n');
const targets = process.argv.slice(2);
if (targets.length === 0) throw new Error('usage: node scripts/licenses.mjs <output file>...');
for (const target of targets) writeFileSync(resolve(target), body);
