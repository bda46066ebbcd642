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
export function generate(dir, { services, files, changedServices, released, manifests }) {
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
  const configText = manifests ? explicitOfWorkspace(services) : explicitConfig(services);
  const inline = (path, text) => [`M 100644 inline ${path}`, `data ${Buffer.byteLength(text)}`, text];
  const all = inline('.github/monorepo-release.yml', configText);
  if (manifests) {
    // A pnpm workspace of the same services, and a second config that discovers them.
    all.push(
      ...inline(
        DISCOVER_CONFIG,
        'version: 1\ndefaults:\n  deploy: ./deploy.sh\ndiscover:\n  - workspaces: pnpm\n',
      ),
    );
    all.push(...inline('pnpm-workspace.yaml', 'packages:\n  - "services/*"\n'));
    for (let s = 0; s < services; s++) {
      const dependencies = Object.fromEntries(
        dependenciesOf(s, services).map((d) => [`@bench/s${d}`, 'workspace:*']),
      );
      all.push(
        ...inline(`services/s${s}/package.json`, JSON.stringify({ name: `@bench/s${s}`, dependencies })),
      );
    }
  }
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

/** The config that the plan of a `manifests` repository reads with `--config`: it discovers the services. */
export const DISCOVER_CONFIG = '.github/discover.yml';

function explicitConfig(services) {
  const config = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
  for (let s = 0; s < services; s++) config.push(`  s${s}:`, `    paths: [services/s${s}/**, "!**/*.md"]`);
  return config.join('\n') + '\n';
}

/** The services a workspace member depends on: each of the first services depends on one of the last ten,
 * which no change touches, so every edge is read and the plan still names the changed services alone. */
function dependenciesOf(s, services) {
  return s < services - 10 ? [services - 1 - (s % 10)] : [];
}

/** By hand, what discovery finds in the workspace: the same services, paths and edges. */
function explicitOfWorkspace(services) {
  const config = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
  for (let s = 0; s < services; s++) {
    const deps = dependenciesOf(s, services).map((d) => `s${d}`);
    config.push(`  s${s}:`, `    paths: [services/s${s}/**]`);
    if (deps.length > 0) config.push(`    depends-on: [${deps.join(', ')}]`);
  }
  return config.join('\n') + '\n';
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
