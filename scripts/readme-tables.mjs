// Writes the inputs and outputs tables of README.md from action.yml (between the <!-- inputs --> and
// <!-- outputs --> markers). `--check` fails when README.md is stale instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const action = parse(readFileSync(resolve(root, 'action.yml'), 'utf8'));
const readmePath = resolve(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');

const cell = (text) =>
  String(text)
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
const code = (text) => (text === undefined || text === '' ? '—' : `\`${String(text)}\``);

const inputs = [
  '| input | description | default |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, i]) => `| \`${name}\` | ${cell(i.description)} | ${code(i.default)} |`,
  ),
].join('\n');
const outputs = [
  '| output | description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
].join('\n');

function replace(text, marker, table) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
}

const updated = replace(replace(readme, 'inputs', inputs), 'outputs', outputs);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md inputs/outputs tables are stale: run `node scripts/readme-tables.mjs`.');
    process.exit(1);
  }
  console.log('README.md tables match action.yml');
} else {
  writeFileSync(readmePath, updated);
}
