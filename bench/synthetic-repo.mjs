// The synthetic monorepos of the plan benchmark, built with `git fast-import`: one commit holding every file,
// then a commit that changes some services' files; optionally a bare `origin` whose audit branch says what is
// live, so a plan compares each service with its own release.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A repository of every file, then a commit that changes `changedServices × files` of them; with
 * `released: 'each'`, a commit per service in between, each the release of its service.
 * Every file has its own content, as in a real repository: with one shared blob git would keep a handful
 * of loose objects and re-read them for every tree, which times the file system, not git or the plan. */
export function generate(dir, { services, files, changedServices, released }) {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const lines = [];
  const commit = (mark, message, parent, body) => {
    lines.push(
      'commit refs/heads/main',
      `mark ${mark}`,
      `committer bench <bench@example.invalid> 1700000000 +0000`,
    );
    lines.push(`data ${Buffer.byteLength(message)}`, message);
    if (parent) lines.push(`from ${parent}`);
    for (const line of body) lines.push(line);
    lines.push('');
  };
  const file = (s, f, version) => {
    const content = `export const v = 's${s}f${f}v${version}';`;
    return [`M 100644 inline services/s${s}/src/f${f}.ts`, `data ${content.length + 1}`, content];
  };
  // The config is committed: `plan` reads it from the commit planned, not from the work tree.
  const config = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
  for (let s = 0; s < services; s++) config.push(`  s${s}:`, `    paths: [services/s${s}/**, "!**/*.md"]`);
  const configText = config.join('\n') + '\n';
  const all = [
    `M 100644 inline .github/monorepo-release.yml`,
    `data ${Buffer.byteLength(configText)}`,
    configText,
  ];
  for (let s = 0; s < services; s++) for (let f = 0; f < files; f++) all.push(...file(s, f, 1));
  commit(':10', 'feat: initial', null, all);
  let parent = ':10';
  const releaseMark = (s) => `:${100 + s}`;
  if (released === 'each') {
    for (let s = 0; s < services; s++) {
      commit(releaseMark(s), `fix: s${s}`, parent, file(s, 0, 'r'));
      parent = releaseMark(s);
    }
  }
  const changed = [];
  for (let s = 0; s < changedServices; s++) for (let f = 0; f < files; f++) changed.push(...file(s, f, 2));
  commit(':11', 'fix: change', parent, changed);
  execFileSync('git', ['fast-import', '--quiet', '--export-marks=.git/bench-marks'], {
    cwd: dir,
    input: lines.join('\n') + '\n',
    maxBuffer: 1 << 30,
    // fast-import grows and trims its heap once per object; where brk is slow (this VM: 30 µs a call) that
    // is 16 s of the 17 s it takes for 84,000 objects. A large top pad makes it 0.8 s.
    env: { ...process.env, MALLOC_TOP_PAD_: String(256 << 20), MALLOC_TRIM_THRESHOLD_: String(256 << 20) },
  });
  execFileSync('git', ['read-tree', 'HEAD'], { cwd: dir });
  if (released) {
    // `:mark sha` per line.
    const marks = new Map(
      readFileSync(join(dir, '.git/bench-marks'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' ')),
    );
    addAuditBranch(dir, services, (s) => marks.get(released === 'each' ? releaseMark(s) : ':10'));
  }
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/monorepo-release.yml'), configText);
}

/** A bare `origin` whose audit branch holds a live pointer for every service, released at `releaseOf(s)`:
 * the plan reads them all, then compares each service with its own release. */
function addAuditBranch(dir, services, releaseOf) {
  const origin = `${dir}-origin.git`;
  execFileSync('git', ['clone', '-q', '--bare', dir, origin]);
  execFileSync('git', ['remote', 'add', 'origin', origin], { cwd: dir });
  const lines = [
    'commit refs/heads/release-audit',
    'committer bench <bench@example.invalid> 1700000000 +0000',
  ];
  lines.push('data 7', 'release');
  for (let s = 0; s < services; s++) {
    const pointer = JSON.stringify({
      version: `1.${s % 10}.0`,
      sha: releaseOf(s),
      record: `records/s${s}/2023-11-14T22-13-20Z-1-${s}.json`,
      'previous-version': '',
      'previous-sha': '',
      'updated-at': '2023-11-14T22:13:20Z',
    });
    lines.push(`M 100644 inline current/production/s${s}.json`, `data ${pointer.length}`, pointer);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: origin, input: lines.join('\n') + '\n' });
}
