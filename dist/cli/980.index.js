export const id = 980;
export const ids = [980];
export const modules = {

/***/ 2980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  previewDrill: () => (/* binding */ previewDrill),
  previewPromote: () => (/* binding */ previewPromote),
  previewRelease: () => (/* binding */ previewRelease)
});

// EXTERNAL MODULE: ./src/adapters/clock.ts
var clock = __webpack_require__(3350);
// EXTERNAL MODULE: ./src/adapters/console-logger.ts
var console_logger = __webpack_require__(1246);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
;// CONCATENATED MODULE: ./src/adapters/http-probe.ts
/** The `verify.http` health gate: one GET, healthy on a 2xx within the timeout. */

/** Enough of an error page to say why, little enough to keep in the audit record. */
const BODY_READ_BYTES = 4096;
const DETAIL_BODY_CHARS = 200;
/** Why a request failed, by the error code undici puts in `cause`. */
const NETWORK_ERRORS = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS lookup failed)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_SOCKET: 'connection closed by the server',
    UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
    CERT_HAS_EXPIRED: 'TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};
/**
 * Redirects are not followed (`redirect: 'manual'`): a health gate must fail closed. A service that is down
 * behind a proxy often answers with a redirect to a login or status page that itself answers 200, which
 * would pass a release that should roll back. A 3xx is unhealthy, and its detail names the target so the
 * fix is one edit of `verify.http`.
 */
class FetchProbe {
    async check(url, timeoutMs) {
        const signal = AbortSignal.timeout(timeoutMs);
        let response;
        try {
            response = await fetch(url, {
                method: 'GET',
                redirect: 'manual',
                signal,
                headers: { accept: '*/*', 'cache-control': 'no-cache', 'user-agent': 'monorepo-release health gate' },
            });
        }
        catch (error) {
            return { healthy: false, detail: describeRequestError(error, timeoutMs) };
        }
        const status = `HTTP ${response.status}`;
        if (response.status >= 200 && response.status < 300) {
            await response.body?.cancel().catch(() => undefined);
            return { healthy: true, detail: status };
        }
        if (response.status >= 300 && response.status < 400) {
            await response.body?.cancel().catch(() => undefined);
            const location = response.headers.get('location');
            return {
                healthy: false,
                detail: location
                    ? `${status} redirect to ${oneLine(location)} (redirects are not followed: set verify.http to the final URL)`
                    : status,
            };
        }
        const body = oneLine(await readStart(response, BODY_READ_BYTES));
        return { healthy: false, detail: body ? `${status}: ${body}` : status };
    }
}
/** The first `max` bytes of the body (less if the timeout hits while reading); the rest is discarded. */
async function readStart(response, max) {
    const reader = response.body?.getReader();
    if (!reader)
        return '';
    const chunks = [];
    let size = 0;
    try {
        while (size < max) {
            const { done, value } = await reader.read();
            if (done)
                break;
            chunks.push(value);
            size += value.length;
        }
    }
    catch {
        // Timed out or reset while reading: the status already says enough.
    }
    finally {
        await reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
/** Control characters and runs of whitespace collapsed, cut short: safe for a log line and the record. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const flat = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
    return flat.length > DETAIL_BODY_CHARS ? `${flat.slice(0, DETAIL_BODY_CHARS)}…` : flat;
}
function describeRequestError(error, timeoutMs) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        return `timed out after ${(0,duration/* formatDuration */.a3)(timeoutMs)}`;
    }
    const cause = error instanceof Error ? error.cause : undefined;
    const known = cause?.code ? NETWORK_ERRORS[cause.code] : undefined;
    if (known)
        return known;
    if (error instanceof TypeError && /invalid url|failed to parse url/i.test(error.message)) {
        return `invalid URL: ${oneLine(error.message)}`;
    }
    const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
    return `request failed: ${oneLine(message)}`;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/core/command-env.ts
/** The environment of a user command (deploy, verify.command, rollback): the step's environment minus
 * what only the action may hold, plus the `RELEASE_*` variables that describe the release. */
/** The variables a command never sees, for the docs. Name matching is case-insensitive. */
const WITHHELD_VARIABLES = [
    { name: 'INPUT_*', reason: "the action's inputs, the token among them" },
    { name: 'GITHUB_TOKEN', reason: 'the token' },
    { name: 'GH_TOKEN', reason: 'the token, as the gh CLI reads it' },
    { name: 'ACTIONS_RUNTIME_TOKEN', reason: "the runner's credential for the cache and artifact services" },
    // The runtime token's endpoints travel with it: toolkits (e.g. @actions/cache) treat a set URL as "the
    // service is available" and then fail on the missing token; without the URL they skip cleanly.
    { name: 'ACTIONS_RUNTIME_URL', reason: 'endpoint of ACTIONS_RUNTIME_TOKEN, useless without it' },
    { name: 'ACTIONS_RESULTS_URL', reason: 'endpoint of ACTIONS_RUNTIME_TOKEN, useless without it' },
    { name: 'ACTIONS_CACHE_URL', reason: 'endpoint of ACTIONS_RUNTIME_TOKEN, useless without it' },
    {
        name: 'ACTIONS_ID_TOKEN_REQUEST_*',
        reason: 'mints OIDC tokens; passed with pass-oidc: true',
        oidc: true,
    },
];
/** The runner's file commands: what a step appends to these files becomes the step's outputs, its post
 * step's state, later steps' environment and PATH, and the job summary. A command gets a fresh empty file
 * under each name instead (ShellRunner makes them, deleted afterwards): a script that appends to
 * `$GITHUB_OUTPUT` keeps working (an unset variable would fail it under `bash -e` or write to a file named
 * after nothing), and what it writes never reaches the runner, so it cannot forge the action's outputs, the
 * rollback its post step performs, or raw HTML in the summary. */
const RUNNER_FILE_VARIABLES = [
    'GITHUB_OUTPUT',
    'GITHUB_STATE',
    'GITHUB_ENV',
    'GITHUB_PATH',
    'GITHUB_STEP_SUMMARY',
];
/** `env` with each runner file variable naming its scratch file, `fileIn(name)`. */
function withScratchRunnerFiles(env, fileIn) {
    const scratch = Object.fromEntries(RUNNER_FILE_VARIABLES.map((name) => [name, fileIn(name)]));
    return { ...env, ...scratch };
}
/** Names of the variables this module sets; a stale one in the step's environment never leaks through. */
const RELEASE_NAMES = [
    'RELEASE_SERVICE',
    'RELEASE_VERSION',
    'RELEASE_PREVIOUS_VERSION',
    'RELEASE_STAGE',
    'RELEASE_PERCENT',
    'RELEASE_ENVIRONMENT',
    'RELEASE_SHA',
    'RELEASE_ID',
    'RELEASE_ATTEMPT',
    'RELEASE_FAILED_VERSION',
    'RELEASE_OUTCOME',
    'RELEASE_SUMMARY',
];
/** Shorter secrets are only matched whole: a substring test would strip unrelated variables. */
const MIN_SUBSTRING_SECRET = 8;
/** The `RELEASE_*` variables for one command. */
function releaseVariables(vars) {
    const env = {
        RELEASE_SERVICE: vars.service,
        RELEASE_VERSION: vars.version,
        RELEASE_PREVIOUS_VERSION: vars.previousVersion,
        RELEASE_STAGE: vars.stage,
        RELEASE_PERCENT: String(vars.percent),
        RELEASE_ENVIRONMENT: vars.environment,
        RELEASE_SHA: vars.sha,
        RELEASE_ID: vars.id,
        RELEASE_ATTEMPT: String(vars.attempt),
    };
    if (vars.failedVersion !== undefined)
        env.RELEASE_FAILED_VERSION = vars.failedVersion;
    if (vars.outcome !== undefined)
        env.RELEASE_OUTCOME = vars.outcome;
    if (vars.summary !== undefined)
        env.RELEASE_SUMMARY = vars.summary;
    return env;
}
/** The full environment of a user command: `base` (the step's environment) without the withheld
 * variables, then the `RELEASE_*` variables. */
function commandEnvironment(base, vars, options) {
    const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
    const env = {};
    for (const [name, value] of Object.entries(base)) {
        if (value === undefined || isReleaseName(name))
            continue;
        if (isWithheldName(name, options.passOidc) || carriesSecret(value, secrets))
            continue;
        env[name] = value;
    }
    return { ...withoutGitExtraHeaders(env), ...releaseVariables(vars) };
}
function isReleaseName(name) {
    return RELEASE_NAMES.includes(name.toUpperCase());
}
function isWithheldName(name, passOidc) {
    const upper = name.toUpperCase();
    return WITHHELD_VARIABLES.some((rule) => {
        if (rule.oidc && passOidc)
            return false;
        return rule.name.endsWith('*') ? upper.startsWith(rule.name.slice(0, -1)) : upper === rule.name;
    });
}
function carriesSecret(value, secrets) {
    return secrets.some((s) => value === s || (s.length >= MIN_SUBSTRING_SECRET && value.includes(s)));
}
/** Drop the `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` pairs that set an `http.*extraheader` (how the
 * action hands git its token) and renumber the rest: git refuses a gap in the numbering. */
function withoutGitExtraHeaders(env) {
    if (env.GIT_CONFIG_COUNT === undefined)
        return env;
    const count = Number.parseInt(env.GIT_CONFIG_COUNT, 10);
    const kept = [];
    for (let i = 0; i < (Number.isSafeInteger(count) ? count : 0); i++) {
        const key = env[`GIT_CONFIG_KEY_${i}`];
        const value = env[`GIT_CONFIG_VALUE_${i}`];
        if (key === undefined || value === undefined || isExtraHeaderKey(key))
            continue;
        kept.push([key, value]);
    }
    const rest = Object.fromEntries(Object.entries(env).filter(([name]) => !/^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+)$/.test(name)));
    if (kept.length === 0)
        return rest;
    rest.GIT_CONFIG_COUNT = String(kept.length);
    kept.forEach(([key, value], i) => {
        rest[`GIT_CONFIG_KEY_${i}`] = key;
        rest[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return rest;
}
/** `http.extraheader` and its per-URL form `http.<url>.extraheader`; git keys are case-insensitive. */
function isExtraHeaderKey(key) {
    const lower = key.trim().toLowerCase();
    return lower.startsWith('http.') && lower.endsWith('.extraheader');
}

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/adapters/runner.ts
/** Runs the user's deploy / verify / rollback command lines with bash, in their own process group, with
 * output that cannot issue workflow commands, and stops the whole group on timeout or cancellation. */










const TAIL_MAX_LINES = 40;
const TAIL_MAX_BYTES = 4096;
/** A line longer than this is passed on before its newline arrives, so memory stays bounded. */
const MAX_PENDING_CHARS = 64 * 1024;
const POLL_MS = 50;
/** After SIGKILL: a process in uninterruptible sleep dies late; do not wait for it forever. */
const AFTER_KILL_WAIT_MS = 2000;
class ShellRunner {
    options;
    killGraceMs;
    constructor(options) {
        this.options = options;
        this.killGraceMs = options.killGraceMs ?? 5000;
    }
    async run(command, options) {
        const started = Date.now();
        const token = (this.options.newStopToken ?? randomToken)();
        const output = new OutputGuard(token, this.options.secrets ?? []);
        const show = limitedWriter(this.options.write, this.options.outputLimit);
        const emit = (text) => {
            if (text)
                show(text);
            output.tail.push(text);
        };
        if (options.signal?.aborted) {
            return {
                exitCode: null,
                signal: null,
                timedOut: false,
                cancelled: true,
                outputTail: '',
                durationMs: 0,
            };
        }
        const scratch = await makeScratchRunnerFiles(options.env);
        this.options.write(`::stop-commands::${token}\n`);
        try {
            const env = withScratchRunnerFiles(options.env, (name) => (0,external_node_path_.join)(scratch, name));
            const ended = await this.supervise(command, { ...options, env }, output, emit);
            return { ...ended, outputTail: output.tail.text(), durationMs: Date.now() - started };
        }
        finally {
            this.options.write(`::${token}::\n`);
            await (0,promises_.rm)(scratch, { recursive: true, force: true });
        }
    }
    /** Spawn, stream, and stop the group on timeout/abort or when bash leaves background processes behind. */
    supervise(command, options, output, emit) {
        return new Promise((resolve) => {
            let timedOut = false;
            let cancelled = false;
            let settled = false;
            let stopping;
            // Nothing may be printed after we resolve: the caller then ends the stop-commands block.
            const print = (text) => {
                if (!settled)
                    emit(text);
            };
            const finish = (exitCode, signal) => {
                if (settled)
                    return;
                print(output.flush());
                settled = true;
                resolve({ exitCode, signal, timedOut, cancelled });
            };
            const startFailed = (error) => {
                print(output.flush());
                print(`${options.label}: could not start bash in ${this.options.cwd}: ${error.message}\n`);
                finish(127, null);
            };
            let child;
            try {
                // The line is the configured command as written; values reach it through the environment only.
                child = (0,external_node_child_process_.spawn)('bash', ['-eo', 'pipefail', '-c', command], {
                    cwd: this.options.cwd,
                    env: options.env,
                    detached: true,
                    stdio: ['ignore', 'pipe', 'pipe'],
                });
            }
            catch (error) {
                startFailed(error);
                return;
            }
            const stop = () => {
                stopping ??= child.pid === undefined ? Promise.resolve() : stopGroup(child.pid, this.killGraceMs);
                return stopping;
            };
            const onAbort = () => {
                cancelled = true;
                void stop();
            };
            const timer = setTimeout(() => {
                timedOut = true;
                void stop();
            }, 
            // setTimeout fires at once beyond 2^31-1 ms; a timeout that long means "none" in practice.
            Math.min(options.timeoutMs, duration/* MAX_DURATION_MS */.rG));
            options.signal?.addEventListener('abort', onAbort, { once: true });
            const streamsClosed = pipeOutput(child, output, print);
            child.once('error', (error) => {
                clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                startFailed(error);
            });
            child.once('exit', (code, signal) => {
                // The command has ended: a later deadline or cancel no longer changes how it ended.
                clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                void (async () => {
                    // Whatever bash left running in its group is stopped too (no orphans).
                    await stop();
                    // A process that left the group may still hold the pipes; do not wait for it forever.
                    await settleWithin(streamsClosed, this.killGraceMs);
                    finish(code, signal);
                    child.stdout?.destroy();
                    child.stderr?.destroy();
                })();
            });
        });
    }
}
/** `write`, passing on at most `limit` characters, then one line saying the rest is not shown. The text
 * is already neutralised (OutputGuard), so a cut inside it cannot form the stop-commands token. */
function limitedWriter(write, limit) {
    if (limit === undefined)
        return write;
    let shown = 0;
    return (text) => {
        if (shown > limit)
            return;
        if (shown + text.length <= limit) {
            shown += text.length;
            write(text);
            return;
        }
        write(`${text.slice(0, limit - shown)}\n[output past ${limit} characters not shown]\n`);
        shown = limit + 1;
    };
}
/** A fresh directory holding an empty file per runner file command (see RUNNER_FILE_VARIABLES), in the
 * runner's temp directory: what a command writes there is thrown away with it. */
async function makeScratchRunnerFiles(env) {
    const prefix = 'monorepo-release-command-';
    // A RUNNER_TEMP that is gone or read-only must not fail the command: the system's temp directory will do.
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), prefix)).catch(() => (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), prefix)));
    await Promise.all(RUNNER_FILE_VARIABLES.map((name) => (0,promises_.writeFile)((0,external_node_path_.join)(dir, name), '')));
    return dir;
}
/** From the global Web Crypto, which Node loads on first use: importing `node:crypto` would load it at
 * every command's startup, and only a release needs a token. */
function randomToken() {
    return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('hex');
}
/** Wait for `promise`, at most `ms`, without leaving a timer that keeps the process alive. */
async function settleWithin(promise, ms) {
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
    try {
        await Promise.race([promise, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** Feed stdout and stderr through the guard, each line-buffered so they never interleave mid-line. */
function pipeOutput(child, output, print) {
    const streams = [child.stdout, child.stderr].filter((s) => s !== null);
    return Promise.all(streams.map((stream, index) => new Promise((resolve) => {
        const decoder = new external_node_string_decoder_.StringDecoder('utf8');
        stream.on('data', (chunk) => print(output.feed(index, decoder.write(chunk))));
        stream.once('close', () => {
            print(output.feed(index, decoder.end()) + output.flushStream(index));
            resolve();
        });
    }))).then(() => undefined);
}
/** True while a process of the group can still run. A zombie does not count: it is dead, and under an
 * init that reaps slowly or never (`tail -f /dev/null` in container jobs) it would hold the group
 * "alive" forever. Without /proc (macOS) every member counts. */
function groupAlive(pgid) {
    try {
        process.kill(-pgid, 0);
    }
    catch (error) {
        // EPERM: a member exists that we may not signal.
        return error.code === 'EPERM';
    }
    return liveMembers(pgid) !== 0;
}
/** Members of the group that are not zombies, from /proc; null when /proc cannot tell. */
function liveMembers(pgid) {
    let pids;
    try {
        pids = (0,external_node_fs_.readdirSync)('/proc').filter((name) => /^\d+$/.test(name));
    }
    catch {
        return null;
    }
    let live = 0;
    for (const pid of pids) {
        const stat = readProcStat(pid);
        if (stat && stat.pgrp === pgid && stat.state !== 'Z')
            live++;
    }
    return live;
}
/** State and process group from `/proc/<pid>/stat` (`pid (comm) state ppid pgrp …`; comm may hold spaces). */
function readProcStat(pid) {
    try {
        const text = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
        return state && pgrp ? { state, pgrp: Number(pgrp) } : null;
    }
    catch {
        return null; // it exited while we looked
    }
}
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
    }
    catch {
        // ESRCH: the group is already gone.
    }
}
async function waitUntilGone(pgid, ms) {
    const deadline = Date.now() + ms;
    while (groupAlive(pgid)) {
        if (Date.now() >= deadline)
            return false;
        await (0,clock/* sleep */.y)(POLL_MS);
    }
    return true;
}
/** SIGTERM the whole group, SIGKILL what is left after the grace. Background jobs of a non-interactive
 * bash ignore SIGINT, hence SIGTERM; the group (not just bash) so that no grandchild survives. */
async function stopGroup(pgid, graceMs) {
    if (!groupAlive(pgid))
        return;
    signalGroup(pgid, 'SIGTERM');
    if (await waitUntilGone(pgid, graceMs))
        return;
    signalGroup(pgid, 'SIGKILL');
    await waitUntilGone(pgid, AFTER_KILL_WAIT_MS);
}
/** Makes command output safe to print inside our stop-commands block: any occurrence of the block's
 * token (which would end the block early, in `::token::` or `##[token]` form) and of the secrets is
 * replaced. Works on whole lines so a needle split across chunks is still caught. */
class OutputGuard {
    tail = new TailBuffer();
    pending = new Map();
    needles;
    keep;
    constructor(token, secrets) {
        const values = [token, ...secrets].filter((s) => s.length > 0);
        this.needles = values.length ? new RegExp(values.map(core_text/* escapeRegExp */.N).join('|'), 'gi') : null;
        this.keep = Math.max(0, ...values.map((s) => s.length - 1));
    }
    /** Text of one stream in; the complete lines that are safe to print out. */
    feed(stream, text) {
        const buffered = (this.pending.get(stream) ?? '') + text;
        const cut = buffered.lastIndexOf('\n') + 1;
        let ready = this.neutralise(buffered.slice(0, cut));
        let rest = buffered.slice(cut);
        if (rest.length > MAX_PENDING_CHARS) {
            // Neutralise first, then hold back less than a needle's length: no needle can span the cut.
            const safe = this.neutralise(rest);
            ready += safe.slice(0, safe.length - this.keep);
            rest = safe.slice(safe.length - this.keep);
        }
        this.pending.set(stream, rest);
        return ready;
    }
    /** The unterminated last line of a stream, ended with a newline so our resume line starts a line. */
    flushStream(stream) {
        const rest = this.pending.get(stream) ?? '';
        this.pending.delete(stream);
        return rest ? `${this.neutralise(rest)}\n` : '';
    }
    flush() {
        return [...this.pending.keys()].map((stream) => this.flushStream(stream)).join('');
    }
    neutralise(text) {
        return this.needles ? text.replace(this.needles, '***') : text;
    }
}
// CSI/OSC/other escape sequences, as terminals and colouring tools emit them.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
/** The last lines of the output, ANSI-free, bounded in memory however much the command prints. */
class TailBuffer {
    buffer = '';
    push(text) {
        if (!text)
            return;
        this.buffer += text;
        if (this.buffer.length > 4 * TAIL_MAX_BYTES)
            this.buffer = this.buffer.slice(-2 * TAIL_MAX_BYTES);
    }
    /** At most 40 lines and 4 KiB; a progress line keeps what a terminal shows after its last `\r`. */
    text() {
        const lines = this.buffer
            .replace(ANSI, '')
            .replace(/\n+$/, '')
            .split('\n')
            .slice(-TAIL_MAX_LINES)
            .map((line) => {
            const shown = line.replace(/\r$/, '');
            return shown.slice(shown.lastIndexOf('\r') + 1);
        });
        return lastBytes(lines.join('\n'), TAIL_MAX_BYTES);
    }
}
/** The end of `text` in at most `max` UTF-8 bytes, never starting inside a character. */
function lastBytes(text, max) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= max)
        return text;
    return bytes
        .subarray(bytes.length - max)
        .toString('utf8')
        .replace(/^\uFFFD+/, '');
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/adapters/exec-git.ts
var exec_git = __webpack_require__(686);
;// CONCATENATED MODULE: ./src/adapters/tags.ts
/** Release tags on origin, listed and pushed with the token through the environment only. */


class GitTagPusher {
    options;
    constructor(options) {
        this.options = options;
    }
    get remote() {
        return this.options.remote ?? 'origin';
    }
    async listTags(pattern) {
        const run = await (0,exec_git/* execGit */.Ix)(['ls-remote', '--tags', '--end-of-options', this.remote, pattern], {
            cwd: this.options.root,
            env: (0,exec_git/* gitAuthEnv */.Y$)(this.options.token),
            network: { remote: this.remote },
        });
        if (run.code !== 0) {
            throw new errors/* UserError */.yo(`could not list the tags on '${this.remote}': ${run.stderr.trim() || `git ls-remote exited with ${run.code}`}`, `check that '${this.remote}' is reachable and that the token can read it (\`permissions: contents: write\`)`);
        }
        return parseTagListing(run.stdout);
    }
    async pushTag(name, sha) {
        const before = await this.remoteTag(name);
        if (before)
            return verdict(before, sha);
        const push = await (0,exec_git/* execGit */.Ix)(['push', '--no-verify', '--end-of-options', this.remote, `${sha}:refs/tags/${name}`], { cwd: this.options.root, env: (0,exec_git/* gitAuthEnv */.Y$)(this.options.token), network: { remote: this.remote } });
        if (push.code === 0)
            return { result: 'pushed' };
        // Someone may have pushed the tag since we looked (origin refuses to move a tag): say whose it is.
        const after = await this.remoteTag(name);
        if (after)
            return verdict(after, sha);
        throw new Error(push.stderr.trim() || `git push exited with ${push.code}`);
    }
    /** The commit the tag names on origin, or null when origin has no such tag. */
    async remoteTag(name) {
        // The `*` brings the `<name>^{}` line of an annotated tag, the commit it names. A name with glob
        // characters (from the tag format's own text) would not match itself: list them all.
        const tags = await this.listTags(/[*?[\\]/.test(name) ? 'refs/tags/*' : `refs/tags/${name}*`);
        // ls-remote matches patterns as globs on the ref's tail: keep the exact name only.
        return tags.find((tag) => tag.name === name)?.sha ?? null;
    }
}
function verdict(tagged, sha) {
    return tagged === sha ? { result: 'exists' } : { result: 'taken', sha: tagged };
}
/** `<object> TAB refs/tags/<name>` lines; an annotated tag also has a `<name>^{}` line with the commit it
 * names, which wins. */
function parseTagListing(output) {
    const commits = new Map();
    for (const line of output.split('\n')) {
        const [object, ref] = line.split('\t');
        if (!object || !ref?.startsWith('refs/tags/'))
            continue;
        const peeled = ref.endsWith('^{}');
        const name = ref.slice('refs/tags/'.length, peeled ? -'^{}'.length : undefined);
        if (peeled || !commits.has(name))
            commits.set(name, object);
    }
    return [...commits].map(([name, sha]) => ({ name, sha }));
}

// EXTERNAL MODULE: ./src/app/config.ts + 30 modules
var app_config = __webpack_require__(4962);
// EXTERNAL MODULE: ./src/core/config/schema.ts
var schema = __webpack_require__(7967);
// EXTERNAL MODULE: ./src/core/record.ts
var core_record = __webpack_require__(4130);
;// CONCATENATED MODULE: ./src/core/drill.ts
/** The rules of a rollback drill (`command: drill`) that depend only on data: where it may run, what
 * holds the service so that it may not, its record's two directions, and what is live after each ending. */



/** The record's stage for the way back (the rollback command towards the version before, then its gate). */
const DRILL_BACK = 'drill-back';
/** The record's stage for the way forward (deploy of the live version at 100 %, then its gate). */
const DRILL_FORWARD = 'drill-forward';
/** `production` only when the config's top level says `drill: { allow-production: true }`. */
function refuseProtectedEnvironment(config, environment) {
    if (environment !== schema/* DRILL_PROTECTED_ENVIRONMENT */.ZU || config.drill?.allowProduction)
        return;
    throw new errors/* InputError */.dz(`a drill rolls ${schema/* DRILL_PROTECTED_ENVIRONMENT */.ZU} back on purpose, and ${config.file} does not allow that`, `run the drill against a staging environment (the \`environment\` input), or add \`drill: { allow-production: true }\` at the top level of ${config.file}`, `pass --environment staging, or add \`drill: { allow-production: true }\` at the top level of ${config.file}`);
}
/** A release of the service that is paused holds it (it keeps its lease until promote or abort): the
 * drill must not move what is live under it. */
function refuseWhilePaused(latest, service) {
    if (!(0,core_record/* isPaused */.lP)(latest))
        return;
    throw new errors/* UserError */.yo(`${service}: the release of ${latest.version} (record ${latest.id}) is paused; a drill would move what is live under it`, 'end it first with `command: promote` or `command: abort`, then run the drill');
}
/** What the drill moves between: what is live, and the version live before it; a clear refusal when
 * either is missing. The version before is given with its commit when the pointer knows it (else null:
 * the caller finds it in the records). */
function drillVersions(live, service, environment) {
    if (!live)
        throw new errors/* InputError */.dz(`${service} has never been released to ${environment}: there is no live version to drill`, 'release it first, or check the `service` and `environment` inputs');
    const before = live['previous-version'];
    if (!before)
        throw new errors/* InputError */.dz(`${service}: no version was live in ${environment} before ${live.version}, so there is nothing to roll back to`, 'release a second version first; a drill rolls back to the version before the live one and forward again');
    if (before === live.version && live['previous-sha'] === live.sha)
        throw new errors/* InputError */.dz(`${service}: the version before ${live.version} in ${environment} is the same build`, 'release a newer version first; a drill needs two different builds');
    return {
        live: { version: live.version, sha: live.sha },
        before,
        beforeSha: live['previous-sha'] || null,
    };
}
/** The pointer once the version before is what is live (the way forward failed after it passed its gate,
 * or its own gate failed after the rollback command deployed it): it names the drill's record, with the
 * version the drill left as the one live before it. */
function pointerOnVersionBefore(record, live, before, now) {
    return {
        version: before.version,
        sha: before.sha,
        record: record.id,
        'previous-version': live.version,
        'previous-sha': live.sha,
        'updated-at': now,
    };
}

// EXTERNAL MODULE: ./src/app/audit-log.ts + 1 modules
var audit_log = __webpack_require__(9924);
;// CONCATENATED MODULE: ./src/core/decide.ts
/** The decisions of a release that depend only on data: may it run here, where does it start, is an
 * unfinished record still owned by a live run, does a stage pass, how to roll back. */


/** `release` and `rollback` run with write access and secrets: never for code a fork controls. */
function refuseUnsafeTrigger(eventName, payload) {
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        throw new InputError(`release and rollback do not run on ${eventName} events: a pull request's code must not reach production credentials`, 'run `command: plan` on pull requests (it previews what a merge would release), and release from `push` or `workflow_dispatch`');
    }
    if (eventName === 'workflow_run' && isForkRun(payload)) {
        throw new InputError('release and rollback do not run for a workflow_run triggered from a fork', 'release from `push` to your default branch or from `workflow_dispatch`');
    }
}
function isForkRun(payload) {
    const run = payload?.workflow_run;
    const head = run?.head_repository?.full_name;
    const base = run?.repository?.full_name;
    return head !== undefined && head !== base;
}
/** How long an unfinished record's heartbeat keeps it owned by a live run. */
function livenessWindowMs(timeoutMs) {
    return Math.max(2 * timeoutMs, 2 * 60_000);
}
/** Whether an unfinished record still belongs to a running job. The run's status from the API, when
 * known, wins over the heartbeat; an earlier attempt of our own run is over by definition. */
function ownership(record, context) {
    const owner = (0,core_record/* owningRun */.GJ)(record);
    if (owner.runId === context.runId && owner.runAttempt < context.runAttempt)
        return 'dead';
    if (context.runActive === false)
        return 'dead';
    if (context.runActive === true)
        return 'live';
    const age = context.now.getTime() - Date.parse(record['heartbeat-at']);
    return age <= livenessWindowMs(context.timeoutMs) ? 'live' : 'dead';
}
/** Where a release of (service, version, sha) starts, from the newest record of the service and what is live.
 * `latestOwnership`: whether a live run holds the newest record, when it is left open (see `leftOpen`).
 * `liveIsNewer`: the live version was released after the requested one (newer version or descendant commit). */
function decideStart(input) {
    const { latest, live } = input;
    const same = (r) => r?.version === input.version && r?.sha === input.sha;
    // What a dead run left is settled before anything else, even before "already released": a half-done
    // rollback of a newer attempt may have left the service partly on a version that failed.
    if (latest && (0,core_record/* leftOpen */.cb)(latest)) {
        if (input.latestOwnership === 'live')
            return { action: 'wait', record: latest };
        const settlement = settleOpenRecord(latest, { by: 'release', version: input.version, sha: input.sha });
        if (settlement.action === 'resume')
            return latest.resumes?.length
                ? { action: 'refuse', ...interruptedPromote(latest) }
                : { action: 'resume', record: latest };
        if (settlement.action !== 'none')
            return { action: 'settle', record: latest, settlement };
    }
    // A paused release keeps the service until a promote or an abort ends it.
    if (latest && (0,core_record/* isPaused */.lP)(latest))
        return same(latest)
            ? { action: 'already-paused', record: latest }
            : { action: 'refuse', ...decide_pausedRefusal(latest) };
    // A drill's record names the live version too, but it is not the release that made it live.
    const releasedBy = latest && same(latest) && latest.kind !== 'drill' ? latest : null;
    if (same(live))
        return { action: 'already-released', record: releasedBy };
    if (input.liveIsNewer) {
        return {
            action: 'refuse',
            message: `${live.version} (${live.sha.slice(0, 12)}) was released after ${input.version}; a re-run never deploys an older version`,
            fix: 'release a newer commit, or use `command: rollback` with `version` to go back on purpose',
        };
    }
    const why = latest && same(latest) && (latest.outcome === 'rolled-back' || latest.outcome === 'rollback-failed')
        ? `the previous attempt was ${latest.outcome === 'rolled-back' ? 'rolled back' : 'stopped and its rollback failed'}: starting again from the first stage`
        : 'new release';
    return { action: 'start', why };
}
/** Why nothing else may start while `record` is paused, and the two ways on: promote or abort. */
function decide_pausedRefusal(record) {
    const stage = (0,core_record/* pausedStage */.TS)(record);
    const at = stage ? ` after stage ${stage.name} (${stage.percent} %)` : '';
    return {
        message: `${record.version} is paused${at} since ${(0,core_record/* pausedSince */.tf)(record)} (record ${record.id}${record['run-url'] ? `, ${record['run-url']}` : ''}); nothing was deployed`,
        fix: `go on with it: \`command: promote\`, \`service: ${record.service}\`, \`version: ${record.version}\` (or approve the waiting promote job; CLI: monorepo-release promote ${record.service}); or take it back: \`command: abort\`, \`service: ${record.service}\` (CLI: monorepo-release abort ${record.service}); then run this again`,
    };
}
/** A promote that took a paused release over was interrupted: only a promote (or an abort) goes on with it. */
function interruptedPromote(record) {
    const owner = (0,core_record/* owningRun */.GJ)(record);
    return {
        message: `the promote of ${record.version} (record ${record.id}, run ${owner.runUrl || owner.runId}) was interrupted; nothing was deployed`,
        fix: `re-run the promote job (or \`command: promote\`, \`service: ${record.service}\`) to resume it, or \`command: abort\` to roll it back`,
    };
}
/** What a record left open by its run (see `leftOpen`) still needs, before anything else is deployed. A
 * record with a stopped stage or a rollback under way is never resumed forward; `failed` is kept for a
 * record under which nothing was deployed. A dead record of another release that deployed stages is rolled
 * back (not just closed): the version it left partly live never passed its gates, and the next release's
 * canary must run beside the known-good version, not beside it. */
function settleOpenRecord(record, settler) {
    if (!(0,core_record/* leftOpen */.cb)(record))
        return { action: 'none' };
    if ((0,core_record/* rollbackRecorded */.rT)(record)) {
        const outcome = record.rollback.result === 'passed' ? 'rolled-back' : 'rollback-failed';
        return { action: 'close', outcome, why: 'its rollback was recorded, its outcome was not' };
    }
    if (record.outcome === 'cancelled')
        return { action: 'finish-rollback', why: 'it was cancelled and its rollback never finished' };
    if ((0,core_record/* rollbackUnderWay */.GA)(record))
        return { action: 'finish-rollback', why: 'its rollback was under way when its run ended' };
    const stopped = (0,core_record/* stoppedStage */.Ir)(record);
    if (stopped)
        return {
            action: 'finish-rollback',
            why: `stage ${stopped.name} (${stopped.percent} %) ${stopped.result === 'failed' ? 'failed' : 'was cancelled'} and no rollback was recorded`,
        };
    if (record.resumes?.at(-1)?.command === 'abort')
        return { action: 'finish-rollback', why: 'it was being aborted when its run ended' };
    const sameRelease = settler.by === 'release' &&
        record.kind === 'release' &&
        record.version === settler.version &&
        record.sha === settler.sha;
    const taken = record.resumes?.at(-1);
    const promoted = settler.by === 'promote' && taken !== undefined && taken.command !== 'abort';
    if (sameRelease || promoted)
        return { action: 'resume' };
    const stage = record.stages[record.stages.length - 1];
    if (!stage)
        return { action: 'close', outcome: 'failed', why: 'its run ended before its first stage' };
    return {
        action: 'finish-rollback',
        why: `its run ended during stage ${stage.name} (${stage.percent} %)`,
    };
}
/** The version a record's rollback goes back to: the target it started with, else what is live (the last
 * known-good version), else the version live when the release started; null when there is none. */
function rollbackTarget(record, live) {
    if (record.rollback)
        return record.rollback['to-version'] || null;
    // A drill left open goes back to the version it drills, the one the live pointer still names.
    if (record.kind === 'drill')
        return record.version;
    if (live && !(live.version === record.version && live.sha === record.sha))
        return live.version;
    return record['previous-version'] || null;
}
/** A stage's gate: it fails once more checks failed than tolerated. */
function gateFailed(checks, maxFailures) {
    return checks.failed > maxFailures;
}
/** What an automatic rollback runs: the rollback command towards the known-good version, else `deploy`
 * at 100 % with the known-good version, else (no known-good one) `deploy` at 0 % with the failed version. */
function rollbackAction(service, knownGood, failedVersion) {
    if (service.rollback)
        return {
            command: service.rollback,
            version: knownGood ?? '',
            percent: knownGood ? 100 : 0,
            via: 'rollback',
        };
    const deploy = service.deploy === false ? '' : service.deploy;
    if (knownGood)
        return { command: deploy, version: knownGood, percent: 100, via: 'deploy' };
    return { command: deploy, version: failedVersion, percent: 0, via: 'deploy' };
}

// EXTERNAL MODULE: ./src/core/semver.ts
var semver = __webpack_require__(4015);
;// CONCATENATED MODULE: ./src/app/release-result.ts
/** How a release, a rollback or a settled record ends, as the action reports it: the result and its
 * builders, what the post step is told, and the one wording of a rollback's ending. */

/** The state the post step needs to find a release's record (nothing else: it trusts the record). */
function release_result_pendingFor(record, phase) {
    return {
        service: record.service,
        environment: record.environment,
        recordId: record.id,
        recordPath: (0,core_record/* recordPath */.lX)(record),
        version: record.version,
        sha: record.sha,
        phase,
    };
}
/** The result of a run that wrote `record`: the service, version and previous version are the record's. */
function release_result_resultOf(record, ending) {
    return {
        service: record.service,
        version: record.version,
        previousVersion: record['previous-version'],
        failedStage: '',
        record,
        ...ending,
    };
}
/** The result of a run that ran and wrote nothing (a dry run, a version already live). */
function release_result_nothingRunResult(fields) {
    return { failedStage: '', record: null, ...fields };
}
/** Where a rollback goes when no version was live before the one it leaves. */
const NO_KNOWN_GOOD = '(no known-good version)';
/** How a rollback ended, in one paragraph: the automatic one of a release, the one a settled record
 * owed, and the manual one. A failed rollback says ROLLBACK FAILED, that manual action is needed, and
 * which versions the service may be on. */
function release_result_rollbackMessage(story, ending) {
    const to = story.to ?? NO_KNOWN_GOOD;
    const head = story.cause
        ? `${story.subject}: ${story.cause}`
        : `${story.subject}: rolling back from ${story.from} to ${to} in ${story.environment}`;
    if (ending.cancelled)
        return `${head}; the rollback to ${to} was cancelled while it ran; the post step finishes it.`;
    if (ending.passed && !story.cause)
        return `${story.subject} rolled back from ${story.from} to ${to} in ${story.environment}.`;
    if (ending.passed) {
        const live = story.to
            ? `${story.to} is live`
            : 'no earlier version is known, so the service was taken to 0 %';
        return `${head}; rolled back: ${live}.`;
    }
    const error = ending.error?.message ?? 'unknown';
    return story.cause
        ? `${head}; the ROLLBACK FAILED too (${error}). Manual action is needed: the service may be partly on ${story.from}; the last known-good version is ${story.to ?? 'none'}.`
        : `${head}; the ROLLBACK FAILED (${error}). Manual action is needed: the service may be partly on ${to}; ${story.from} may still be live.`;
}
/** A release paused after its stage: what is live at what share, since when, and the two ways on. */
function pausedResult(record, service, start) {
    const stage = (0,core_record/* pausedStage */.TS)(record);
    const names = service.stages.map((s) => s.name);
    const next = service.stages[names.indexOf(stage?.name ?? '') + 1];
    const share = stage ? `${stage.percent} %` : 'part';
    return release_result_resultOf(record, {
        outcome: 'paused',
        pausedStage: stage?.name ?? '',
        nextStage: next?.name ?? '',
        message: `${record.service} ${record.version} is paused after stage ${stage?.name ?? '?'}: it serves ${share} of ${record.environment} ` +
            `beside ${record['previous-version'] || 'nothing else'} since ${(0,core_record/* pausedSince */.tf)(record)}, and keeps the service until a promote or an abort. ` +
            `Nobody checks it while it is paused; a promote checks its gate again first. ` +
            `Go on to ${next ? `${next.name} (${next.percent} %)` : 'the next stage'}: command: promote, service: ${record.service}, version: ${record.version}; ` +
            `or take it back to ${record['previous-version'] || 'nothing'}: command: abort, service: ${record.service}.`,
        start,
    });
}

;// CONCATENATED MODULE: ./src/core/command-result.ts
/** How a user command ended, in words, for error messages and the record. */

/** `exited with code 3`, `timed out after 2s`, `was killed by SIGKILL`, `was cancelled`. */
function describeEnding(result, timeoutMs) {
    if (result.cancelled)
        return 'was cancelled';
    if (result.timedOut)
        return timeoutMs === undefined ? 'timed out' : `timed out after ${(0,duration/* formatDuration */.a3)(timeoutMs)}`;
    if (result.signal)
        return `was killed by ${result.signal}`;
    return `exited with code ${result.exitCode ?? 'unknown'}`;
}

;// CONCATENATED MODULE: ./src/app/stages.ts
/** Running a stage: the deploy command, then the health gate during the bake; and the rollback command.
 * Commands run through the CommandRunner port with the `RELEASE_*` environment and nothing else of ours. */



/** Deploy, then the health gate for the bake time. */
async function runStage(deps, service, stage, vars, signal, progress) {
    const checks = { passed: 0, failed: 0 };
    const deploy = await runCommand(deps, service.deploy, service, vars, service.timeoutMs, `deploy ${stage.name}`, signal);
    if (deploy.cancelled)
        return { result: 'cancelled', checks };
    if (!succeeded(deploy))
        return {
            result: 'failed',
            checks,
            error: commandError(deploy.timedOut ? 'timeout' : 'deploy', deploy, 'deploy', service.timeoutMs),
        };
    if (!service.verify)
        return { result: 'passed', checks };
    return runGate(deps, service, service.verify, stage.bakeMs, vars, signal, progress);
}
/** The gate checked once more, with no deploy: a promote's look at a paused stage nobody watched. With no
 * `verify`, there is nothing to check and it passes. */
async function recheckGate(deps, service, vars, signal) {
    if (!service.verify)
        return { result: 'passed', checks: { passed: 0, failed: 0 } };
    return runGate(deps, service, service.verify, undefined, vars, signal, async () => undefined);
}
/** Health checks every interval during the bake (once without a bake); fails as soon as more checks
 * failed than tolerated. */
async function runGate(deps, service, verify, bakeMs, vars, signal, progress) {
    const checks = { passed: 0, failed: 0 };
    const started = deps.clock.now().getTime();
    let lastError;
    let lastSaved = started;
    for (;;) {
        const check = await runCheck(deps, service, verify, vars, signal);
        if (check === 'cancelled')
            return { result: 'cancelled', checks };
        if (check.healthy)
            checks.passed++;
        else {
            checks.failed++;
            lastError = check.error;
            deps.log.warning(`${vars.service} ${vars.stage}: health check failed (${checks.failed} failed so far, ${verify.maxFailures} tolerated): ${check.error.message}`);
        }
        if (gateFailed(checks, verify.maxFailures))
            return { result: 'failed', checks: { ...checks }, error: lastError };
        const elapsed = deps.clock.now().getTime() - started;
        if (bakeMs === undefined || elapsed + verify.intervalMs > bakeMs)
            return { result: 'passed', checks: { ...checks } };
        if (deps.clock.now().getTime() - lastSaved >= 60_000) {
            lastSaved = deps.clock.now().getTime();
            await progress({ ...checks });
        }
        await deps.clock.sleep(verify.intervalMs, signal);
        if (signal?.aborted)
            return { result: 'cancelled', checks };
    }
}
async function runCheck(deps, service, verify, vars, signal) {
    if (verify.http) {
        const answer = await deps.probe.check(verify.http, verify.timeoutMs);
        if (signal?.aborted)
            return 'cancelled';
        return answer.healthy
            ? { healthy: true }
            : {
                healthy: false,
                error: {
                    kind: 'gate',
                    'exit-code': null,
                    message: `health check ${verify.http}: ${answer.detail}`,
                    output: answer.detail,
                },
            };
    }
    const result = await runCommand(deps, verify.command, service, vars, verify.timeoutMs, `verify ${vars.stage}`, signal);
    if (result.cancelled)
        return 'cancelled';
    if (succeeded(result))
        return { healthy: true };
    return { healthy: false, error: commandError('gate', result, 'health check', verify.timeoutMs) };
}
function runCommand(deps, command, service, vars, timeoutMs, label, signal) {
    const env = commandEnvironment(deps.env, vars, { passOidc: service.passOidc, secrets: deps.secrets });
    return deps.runner.run(command, { env, timeoutMs, label, signal });
}
function succeeded(result) {
    return result.exitCode === 0 && !result.timedOut && !result.cancelled;
}
function commandError(kind, result, what, timeoutMs) {
    return {
        kind,
        'exit-code': result.exitCode,
        message: `${what} ${describeEnding(result, timeoutMs)}`,
        output: result.outputTail,
    };
}
/** Run the rollback command (or deploy) once, then, towards a known-good version, the health gate once.
 * A cancel stops the command's process group at once: the runner kills the step a few seconds after its
 * first signal, so a long rollback is left to the post step rather than killed half-way unrecorded. */
async function stages_performRollback(deps, rollback) {
    const { service, failed, knownGood, environment, attempt, signal } = rollback;
    const action = rollbackAction(service, knownGood, failed.version);
    const vars = {
        service: service.name,
        version: action.version,
        previousVersion: failed.version,
        stage: 'rollback',
        percent: action.percent,
        environment,
        sha: failed.sha,
        id: failed.id,
        attempt,
        failedVersion: failed.version,
    };
    const result = await runCommand(deps, action.command, service, vars, service.timeoutMs, 'rollback', signal);
    if (result.cancelled)
        return { passed: false, cancelled: true };
    if (!succeeded(result))
        return {
            passed: false,
            error: commandError(result.timedOut ? 'timeout' : 'deploy', result, action.via === 'rollback' ? 'rollback' : 'deploy (rollback)', service.timeoutMs),
        };
    if (!service.verify || !knownGood)
        return { passed: true };
    const gate = await runGate(deps, service, service.verify, undefined, vars, signal, async () => undefined);
    if (gate.result === 'cancelled')
        return { passed: false, cancelled: true };
    return gate.result === 'passed'
        ? { passed: true, checks: gate.checks }
        : { passed: false, error: gate.error, checks: gate.checks };
}

;// CONCATENATED MODULE: ./src/app/settle.ts
/** A record its run left open (see `leftOpen`) is settled before anything else, by whoever finds it: the
 * post step of that run, the next release of the service (a re-run or another version) or a manual
 * rollback. Settling runs the rollback to the known-good version — again, when one was under way: going
 * back to the known-good version twice is harmless, leaving a failed version live is not — and closes the
 * record `rolled-back` or `rollback-failed` (a cancelled one stays `cancelled`, its rollback recorded), or
 * closes a record under which nothing was deployed as `failed`. A rollback, once started, is finished or
 * loudly reported. */





async function settleRecord(deps, input) {
    const { settlement } = input;
    return settlement.action === 'close'
        ? closeRecord(deps, input, settlement)
        : finishRollback(deps, input, settlement);
}
/** A manual rollback or a drill first settles a record a dead run left open (finishing its rollback, or
 * closing it); a release resumes its own instead, so this is not for releases. Undefined when nothing
 * was left to settle; otherwise as settleLeftRecord (null: read again and decide). */
async function settle_settleBeforeRollingBack(deps, request, service, state, open) {
    const settlement = open ? settleOpenRecord(open, { by: 'rollback' }) : null;
    if (!open || !settlement || settlement.action === 'none' || settlement.action === 'resume')
        return undefined;
    return settleLeftRecord(deps, request, service, {
        record: open,
        path: state.latestPath,
        live: state.live,
        settlement,
    });
}
/** A record left open by the run of a release or a manual rollback, settled before this run goes on:
 * null when it is settled and the run may decide again; the result when the run ends here (the rollback
 * failed, was cancelled, or could not be recorded: nothing of this run was deployed). */
async function settleLeftRecord(deps, request, service, open) {
    const settled = await settleRecord(deps, {
        ...open,
        service,
        by: `run ${request.run.runId} attempt ${request.run.runAttempt}`,
        attempt: request.run.runAttempt,
        signal: request.signal,
    });
    if (settled.result === 'lost-race' || settled.result === 'closed' || settled.result === 'rolled-back')
        return null;
    const record = settled.record;
    const result = release_result_resultOf(record, {
        outcome: settled.result === 'unrecorded' ? (settled.passed ? 'rolled-back' : 'rollback-failed') : settled.result,
        failedStage: (0,core_record/* stoppedStage */.Ir)(record)?.name ?? '',
        message: `${settled.message} Nothing else was deployed.`,
        start: 'settling a record its run left open',
    });
    if (settled.result === 'rollback-failed')
        return result;
    // Cancelled, or not recorded: the post step finishes it (the state already names the record).
    return {
        ...result,
        pendingRollback: release_result_pendingFor(record, 'rollback'),
        ...(settled.result === 'unrecorded' ? { auditError: settled.auditError } : {}),
    };
}
function describe(record) {
    return `${record.service} ${record.version} (record ${record.id})`;
}
async function closeRecord(deps, input, settlement) {
    const { record } = input;
    const where = describe(record);
    const now = (0,audit_log/* recordTime */.$l)(deps.clock);
    deps.log.warning(`${where}: ${settlement.why}; closing it as ${settlement.outcome} (${input.by}).`);
    const closed = (0,core_record/* finishRecord */.ZR)(settlement.outcome === 'failed' ? (0,core_record/* closeOpenStages */.Yz)(record, now) : record, settlement.outcome, now, `${settlement.why}; closed by ${input.by}`);
    const written = await writeUnchanged(deps, input.path, record, closed, `${where}: closed`);
    return written ? { result: 'closed', record: closed } : { result: 'lost-race' };
}
/** Run the record's rollback (again) to its known-good version, and record how it ended. */
async function finishRollback(deps, input, settlement) {
    const { record } = input;
    const where = describe(record);
    const target = rollbackTarget(record, input.live);
    const to = target ?? '(no known-good version: the failed version at 0 %)';
    deps.log.warning(`${where}: ${settlement.why}. Finishing its rollback to ${to} before anything else (${input.by}).`);
    deps.postState?.(release_result_pendingFor(record, 'rollback'));
    const started = (0,core_record/* startRollback */.E)(record, target, (0,audit_log/* recordTime */.$l)(deps.clock));
    if (!(await writeUnchanged(deps, input.path, record, started, `${where}: rollback (${input.by})`)))
        return { result: 'lost-race' };
    const ending = await deps.log.group(`Rollback of ${record.service} ${record.version} to ${to}`, () => stages_performRollback(deps, {
        service: input.service,
        failed: record,
        knownGood: target,
        environment: record.environment,
        attempt: input.attempt,
        signal: input.signal,
    }));
    const message = release_result_rollbackMessage({
        subject: where,
        cause: settlement.why,
        from: record.version,
        to: target,
        environment: record.environment,
    }, ending);
    if (ending.cancelled)
        return { result: 'cancelled', record: started, message };
    const now = (0,audit_log/* recordTime */.$l)(deps.clock);
    const ended = (0,core_record/* endRollback */.Ee)(started, ending, now, `${settlement.why}; rollback finished by ${input.by}`);
    const pointer = record.kind === 'rollback' && ending.passed ? [pointerChange(ended, input.live, now)] : [];
    const progress = new audit_log/* ProgressLog */.qw(deps.log, () => deps.audit.write(`${where}: rollback ${ending.passed ? 'passed' : 'failed'}`, async (tree) => {
        const current = await (0,audit_log/* readJson */.Vh)(tree, input.path);
        if (!current || (0,core_record/* rollbackRecorded */.rT)(current))
            return [];
        return [{ path: input.path, content: (0,core_record/* serialize */.lK)(ended) }, ...pointer];
    }));
    if (!(await progress.save(ended)))
        return { result: 'unrecorded', record: ended, passed: ending.passed, ...progress.annotate({ message }) };
    return { result: ending.passed ? 'rolled-back' : 'rollback-failed', record: ended, message };
}
function pointerChange(record, live, now) {
    return {
        path: (0,core_record/* livePointerPath */.rW)(record.environment, record.service),
        content: (0,core_record/* serialize */.lK)((0,core_record/* newPointer */.Ye)(record, live, now)),
    };
}
/** Write `next` at `path` only while the record there is still `expected`: two runs that find the same
 * open record never both roll it back. False when another run changed it first. */
async function writeUnchanged(deps, path, expected, next, message) {
    try {
        await deps.audit.write(message, async (tree) => {
            const current = await (0,audit_log/* readJson */.Vh)(tree, path);
            if (!current || (0,core_record/* serialize */.lK)(current) !== (0,core_record/* serialize */.lK)(expected))
                throw new audit_log/* LostRaceError */.wV();
            return [{ path, content: (0,core_record/* serialize */.lK)(next) }];
        });
        return true;
    }
    catch (error) {
        if (error instanceof audit_log/* LostRaceError */.wV)
            return false;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/core/detect.ts + 1 modules
var detect = __webpack_require__(4247);
// EXTERNAL MODULE: ./src/core/versions.ts
var versions = __webpack_require__(4506);
;// CONCATENATED MODULE: ./src/app/version-choice.ts
/** One version names one build. The version in a plan's matrix is a proposal: when a release claims its
 * service, a proposal that another build holds — its claim, a record or a live pointer on the audit
 * branch, its tag on origin — moves on to the next free version; a version given by hand is refused. The
 * release's first record write claims the chosen version in the same compare-and-swap commit
 * (RecordWriter `claimVersion`), so two releases that chose one version at once cannot both keep it. */





async function chooseVersion(deps, request) {
    const { config, service, proposal, sha, tree } = request;
    // The version is the commit itself: no two builds can share it.
    if (config.versioning !== 'conventional')
        return { version: proposal, note: '' };
    const [tags, pointers, proposalClaim] = await Promise.all([
        tagHolders(deps.tags, config, service),
        pointerHolders(tree, service),
        claimHolders(tree, service, [(0,core_record/* versionClaimPath */.O9)(service, proposal)]),
    ]);
    const holder = (0,versions/* takenBy */.bL)(proposal, sha, [...proposalClaim, ...tags, ...pointers]);
    if (!holder)
        return { version: proposal, note: '' };
    const holders = [...(await allClaimHolders(tree, service)), ...tags, ...pointers];
    const taken = `${proposal} is taken by ${version_choice_short(holder.sha)} (${holder.what})`;
    const others = holders.filter((h) => h.sha !== sha);
    if (request.byHand) {
        throw new errors/* InputError */.dz(`${service}: version ${taken}; one version names one build, so this commit (${version_choice_short(sha)}) cannot be released as ${proposal}`, `release this commit under a version no other build holds (the next free one is ${(0,versions/* nextFreeVersion */.ex)(proposal, versionsOf(others))}): pass it as \`version\`, or push the tag ${(0,versions/* formatTag */._3)(config.tag, service, '<version>')} for it (delete a tag pushed by mistake with \`git push origin :refs/tags/<tag>\`)`);
    }
    // A re-run of a build that took another version before (or the same build in a second environment).
    const own = (0,versions/* newestVersion */.Rg)(holders.filter((h) => h.sha === sha).map((h) => h.version));
    if (own)
        return { version: own, note: `${taken}; this commit was released as ${own}` };
    if (await deps.git.isAncestor(sha, holder.sha)) {
        throw new errors/* UserError */.yo(`${service}: version ${taken}, a later commit that already includes this one (${version_choice_short(sha)}); an older build never deploys under a version a newer one holds`, `nothing to do: ${version_choice_short(holder.sha)} ships this commit's changes. To put an older build live on purpose, use \`command: rollback\``);
    }
    const bump = await bumpSinceTaken(deps.git, config, service, sha, [newestHolder(others) ?? holder, holder]);
    const version = (0,versions/* nextFreeVersion */.ex)(proposal, versionsOf(others), bump);
    return { version, note: `${taken}; releasing as ${version}` };
}
/** What the commits since a build that holds a version ask for, counted from the first of `from` that is
 * an ancestor of this commit (the newest version's build, else the proposal's holder); undefined when
 * none is (then the proposal's own bump applies). */
async function bumpSinceTaken(git, config, service, sha, from) {
    const ancestors = await git.ancestorsAmong([...new Set(from.map((h) => h.sha))], sha);
    const base = from.find((h) => ancestors.has(h.sha));
    if (!base)
        return undefined;
    const detector = new detect/* ChangeDetector */.x(config);
    const messages = (await git.log(base.sha, sha))
        .filter((commit) => detector.touchesService(service, commit))
        .map((commit) => commit.message);
    return (0,versions/* bumpSinceBuild */.nM)(messages);
}
/** The service's tags on origin, where a version may have been tagged by hand. */
async function tagHolders(tags, config, service) {
    const listed = await tags.listTags((0,versions/* tagGlob */.ZM)(config.tag, service));
    return (0,versions/* serviceReleases */.IC)(config.tag, service, listed).map((release) => ({
        version: release.version,
        sha: release.sha,
        what: `tag ${release.tag}`,
    }));
}
async function allClaimHolders(tree, service) {
    return claimHolders(tree, service, await tree.list((0,core_record/* versionClaimsDir */.dI)(service)));
}
async function claimHolders(tree, service, paths) {
    const holders = await Promise.all(paths.map(async (path) => {
        const version = (0,core_record/* claimedVersionOf */.rC)(service, path);
        const claim = version === null ? null : await (0,audit_log/* readJson */.Vh)(tree, path);
        return claim ? [{ version: version, sha: claim.sha, what: `record ${claim.record}` }] : [];
    }));
    return holders.flat();
}
/** What is live, and the newest release record, in each environment: they hold versions claimed before
 * the audit branch had claims. */
async function pointerHolders(tree, service) {
    const [current, latest] = await Promise.all([tree.list('current'), tree.list('latest')]);
    const live = await Promise.all(ofService(current, service).map(async ({ path, environment }) => {
        const pointer = await (0,audit_log/* readJson */.Vh)(tree, path);
        return pointer ? [{ version: pointer.version, sha: pointer.sha, what: `live in ${environment}` }] : [];
    }));
    const records = await Promise.all(ofService(latest, service).map(async ({ path }) => {
        const pointer = await (0,audit_log/* readJson */.Vh)(tree, path);
        const record = pointer ? await (0,audit_log/* readJson */.Vh)(tree, pointer.path) : null;
        if (record?.kind !== 'release')
            return [];
        return [{ version: record.version, sha: record.sha, what: `record ${record.id}` }];
    }));
    return [...live, ...records].flat();
}
/** The `<dir>/<environment>/<service>.json` pointers among the paths. */
function ofService(paths, service) {
    return paths.flatMap((path) => {
        const parts = path.split('/');
        return parts.length === 3 && parts[2] === `${service}.json` ? [{ path, environment: parts[1] }] : [];
    });
}
function newestHolder(holders) {
    const newest = (0,versions/* newestVersion */.Rg)(versionsOf(holders));
    return holders.find((h) => h.version === newest) ?? null;
}
function versionsOf(holders) {
    return holders.map((h) => h.version);
}
function version_choice_short(sha) {
    return sha.slice(0, 12);
}

;// CONCATENATED MODULE: ./src/app/claim.ts
/** Claiming a service for a release: read what the audit log says of it, decide where the release starts
 * (wait while a live run holds the service, settle what a dead run left open), and write the first record
 * in one compare-and-swap. Another run may write between the read and the write; then the log is read and
 * the decision made again, a bounded number of times (`untilClaimed`, shared with the manual rollback). */









/** Rounds of reading the log and deciding again. A round is lost when another run of the service wrote
 * first (this one then waits for it) or a record left open was settled: runs that queue (a `concurrency`
 * group) lose one or two, and a crowd of runs of one service started together loses at most one round
 * per run ahead of it. More than this means something keeps rewriting the service's records. */
const CLAIM_ROUNDS = 50;
/** Runs `round` until it returns a value; null means the audit log changed under it (another run wrote
 * first, or a record left open was just settled) and it must read the log again. */
async function claim_untilClaimed(service, round) {
    for (let i = 0; i < CLAIM_ROUNDS; i++) {
        const claimed = await round();
        if (claimed !== null)
            return claimed;
    }
    throw new errors/* UserError */.yo(`${service}: other runs changed its audit record ${CLAIM_ROUNDS} times while this run tried to start; nothing was deployed`, 'run the job again; give the release jobs `concurrency: { group: release-<service>, cancel-in-progress: false }` so the runs of one service queue');
}
/** Decide the version (the proposal, or the next free one when another build holds it) and where to
 * start, and claim the service; or the result that ends the run here (already live, or a record left
 * open whose settling ended it). */
async function claimRelease(deps, request, service, proposal) {
    return claim_untilClaimed(service.name, async () => {
        const seen = await readWhenFree(deps, request, service, proposal);
        const { state, decision, version, versionNote } = seen;
        switch (decision.action) {
            case 'already-released':
                return {
                    result: release_result_nothingRunResult({
                        outcome: 'already-released',
                        service: service.name,
                        version,
                        previousVersion: state.live?.['previous-version'] ?? '',
                        record: decision.record,
                        message: `${versionNote ? `${versionNote}. ` : ''}${service.name} ${version} (${request.sha.slice(0, 12)}) is already live in ${request.environment}: nothing to do.`,
                        start: 'already released',
                    }),
                };
            case 'already-paused':
                deps.log.info(`${service.name} ${version}: this release is paused already; nothing is deployed.`);
                return { result: pausedResult(decision.record, service, 'already paused') };
            case 'refuse':
                throw new errors/* UserError */.yo(`${service.name}: ${decision.message}`, decision.fix);
            case 'settle': {
                const ended = await settleLeftRecord(deps, request, service, {
                    record: decision.record,
                    path: state.latestPath,
                    live: state.live,
                    settlement: decision.settlement,
                });
                return ended ? { result: ended } : null;
            }
            case 'start':
            case 'resume':
                return writeFirstRecord(deps, request, service, { ...seen, decision });
        }
    });
}
/** Read the log and decide; while a live run holds the service, wait for it (bounded by the service's
 * timeout) and read again. */
async function readWhenFree(deps, request, service, proposal) {
    const waitUntil = deps.clock.now().getTime() + service.timeoutMs;
    let told = '';
    for (;;) {
        const tree = await deps.audit.snapshot();
        const state = await (0,audit_log/* readServiceState */.zl)(tree, request.environment, service.name);
        const { version, note } = await chooseVersion(deps, {
            config: request.config,
            service: service.name,
            proposal,
            sha: request.sha,
            byHand: request.versionByHand ?? false,
            tree,
        });
        if (note && note !== told)
            deps.log.warning(`${service.name}: ${(told = note)}.`);
        const decision = await decide(deps, request, service, version, state);
        if (decision.action !== 'wait')
            return { state, decision, version, versionNote: note };
        await waitForOtherRun(deps, request, service, decision.record, waitUntil);
    }
}
async function waitForOtherRun(deps, request, service, other, until) {
    if (deps.clock.now().getTime() >= until) {
        throw new errors/* UserError */.yo(`${service.name}: another run (${(0,core_record/* owningRun */.GJ)(other).runUrl || (0,core_record/* owningRun */.GJ)(other).runId}) is releasing ${other.version} and did not finish within ${(0,duration/* formatDuration */.a3)(service.timeoutMs)}`, 'let it finish and re-run this job; give the release job `concurrency: { group: release-<service>, cancel-in-progress: false }` so runs queue');
    }
    deps.log.info(`${service.name}: waiting for run ${(0,core_record/* owningRun */.GJ)(other).runId} (record ${other.id}, ${other.version}) to finish…`);
    await deps.clock.sleep(deps.pollMs ?? Math.min(10_000, Math.max(1_000, service.timeoutMs / 10)), request.signal);
    if (request.signal?.aborted)
        throw new errors/* UserError */.yo(`${service.name}: cancelled while waiting for another run`, 're-run the job');
}
/** The first record of a new release, or the heartbeat of the interrupted one it resumes, written in the
 * compare-and-swap that claims the service (and the version); null when another run wrote first. The
 * release tags must agree with the log before anything is written (a rewritten branch). */
async function writeFirstRecord(deps, request, service, seen) {
    const { state, decision, version, versionNote } = seen;
    await (0,audit_log/* assertTagAgreesWithLog */.yF)(deps.git, state, {
        ...request,
        service: service.name,
        version,
        ref: request.run.ref,
    });
    const writer = new audit_log/* RecordWriter */.J9(deps.audit, state.latestPath, {
        claimVersion: request.config.versioning === 'conventional',
    });
    const resumed = decision.action === 'resume';
    const record = resumed
        ? (0,core_record/* heartbeat */.jQ)(decision.record, (0,audit_log/* recordTime */.$l)(deps.clock))
        : (0,core_record/* newRecord */.Mx)({
            id: (0,core_record/* recordId */.Re)(request.run, deps.randomId()),
            kind: 'release',
            service: service.name,
            environment: request.environment,
            version,
            previousVersion: state.live?.version ?? '',
            sha: request.sha,
            run: request.run,
            now: (0,audit_log/* recordTime */.$l)(deps.clock),
        });
    const how = resumed ? `resuming the interrupted release ${record.id}` : decision.why;
    const start = versionNote ? `${how}; ${versionNote}` : how;
    if (!(await writer.claim(record)))
        return null;
    return { state, record, writer, version, versionNote, start, resumed };
}
async function decide(deps, request, service, version, state) {
    const latest = state.latest;
    const open = latest && (0,core_record/* leftOpen */.cb)(latest) ? latest : null;
    return decideStart({
        latest,
        latestOwnership: open ? await claim_unfinishedOwnership(deps, open, request.run, service.timeoutMs) : null,
        live: state.live,
        liveIsNewer: await liveIsNewer(deps.git, state.live, version, request.sha),
        version,
        sha: request.sha,
    });
}
/** Whether an unfinished record still belongs to a running job: its heartbeat, or the API's word on its
 * run (not asked about our own run, whose earlier attempts are over by definition). */
async function claim_unfinishedOwnership(deps, record, run, timeoutMs) {
    const owner = (0,core_record/* owningRun */.GJ)(record).runId;
    const runActive = deps.runStatus && owner !== run.runId ? await deps.runStatus(owner) : null;
    return ownership(record, {
        now: deps.clock.now(),
        timeoutMs,
        runId: run.runId,
        runAttempt: run.runAttempt,
        runActive,
    });
}
/** True when what is live was released after the requested version: a higher version, or (versioning
 * sha) a commit that descends from the requested one. */
async function liveIsNewer(git, live, version, sha) {
    if (!live || (live.version === version && live.sha === sha))
        return false;
    if (semver/* semver */.h.valid(live.version) && semver/* semver */.h.valid(version))
        return semver/* semver */.h.gt(live.version, version);
    return live.sha !== sha && (await git.isAncestor(sha, live.sha));
}

;// CONCATENATED MODULE: ./src/app/release-request.ts
/** What a release or a rollback is given: the ports it runs on, the request, and the checks of the
 * request that need nothing else (the service exists and deploys, the version fits the scheme). */


/** The service to act on, or an InputError naming the ones there are. */
function release_request_findService(config, name) {
    const service = config.services.find((s) => s.name === name);
    const releasable = config.services.filter((s) => s.deploy !== false).map((s) => s.name);
    if (!name)
        throw new errors/* InputError */.dz('no service given', `set the \`service\` input to one of: ${releasable.join(', ')}`, `name one: monorepo-release release <service> --dry-run, with <service> one of: ${releasable.join(', ')}`);
    if (!service) {
        throw new errors/* InputError */.dz(`unknown service "${name}"`, `use one of the services in ${config.file}: ${releasable.join(', ')}`);
    }
    if (service.deploy === false) {
        throw new errors/* InputError */.dz(`"${name}" is a library (deploy: false) and is never released itself`, 'release the services that depend on it');
    }
    return service;
}
/** The version to release: the input, checked against the versioning scheme. */
function releaseVersion(config, input, sha) {
    if (config.versioning === 'sha') {
        const expected = (0,versions/* shaVersion */.n4)(sha);
        if (input && input !== expected) {
            throw new errors/* InputError */.dz(`version "${input}" is not this commit's version ${expected} (versioning: sha)`, 'pass the version from the plan matrix, or leave it empty', `pass --version ${expected}, or leave it out`);
        }
        return expected;
    }
    if (!input)
        throw new errors/* InputError */.dz('no version given', 'pass `version` from the plan matrix (`${{ matrix.version }}`)', 'pass --version 1.2.0 (the version `monorepo-release plan` proposes)');
    if (!(0,versions/* isVersion */.lF)(input)) {
        throw new errors/* InputError */.dz(`version "${input}" is not a semantic version`, 'pass a version like 1.4.0 (no leading "v"), as the plan matrix gives it', 'pass --version 1.4.0 (no leading "v"), as `monorepo-release plan` gives it');
    }
    return input;
}

;// CONCATENATED MODULE: ./src/app/deployments.ts
/** The GitHub Deployments mirror of a release (`audit.deployments: true`). The audit branch stays the
 * record of truth: only the creation is a preflight (a missing `deployments: write` stops the release
 * before its first deploy); every status is best effort and never changes the rollout. */




/** The GitHub deployment of a release or rollback, created after its record and before anything is
 * deployed: a missing permission ends the record as `failed` and stops here. */
async function deployments_openDeployment(deps, request, service, writer, record, target) {
    const deployment = DeploymentTracker.for(deps.github, deps.log, request.config, service, request.environment, request.run.runUrl);
    try {
        await deployment.create({ ...target, service: service.name, record: record.id });
    }
    catch (error) {
        await writer.save((0,core_record/* finishRecord */.ZR)(record, 'failed', (0,audit_log/* recordTime */.$l)(deps.clock), error.message));
        throw error;
    }
    return deployment;
}
class DeploymentTracker {
    api;
    log;
    environment;
    logUrl;
    environmentUrl;
    id = null;
    constructor(api, log, environment, logUrl, environmentUrl) {
        this.api = api;
        this.log = log;
        this.environment = environment;
        this.logUrl = logUrl;
        this.environmentUrl = environmentUrl;
    }
    /** A tracker for a service; it does nothing unless deployments are on and an API is available. */
    static for(api, log, config, service, environment, logUrl) {
        const enabled = config.audit.deployments && api ? api : null;
        if (config.audit.deployments && !api) {
            log.warning('audit.deployments is on, but there is no GitHub API here (no token or GITHUB_REPOSITORY): no deployments are created');
        }
        return new DeploymentTracker(enabled, log, (0,schema/* resolveDeploymentEnvironment */.Pv)(config.audit, environment, service.name), logUrl, service.url);
    }
    /** Create the deployment. A missing permission throws (before anything is deployed); any other failure is
     * a warning, and the release goes on without a deployment. */
    async create(input) {
        if (!this.api)
            return;
        try {
            this.id = await this.api.createDeployment({
                sha: input.sha,
                environment: this.environment,
                description: input.description,
                payload: { service: input.service, version: input.version, record: input.record },
            });
        }
        catch (error) {
            if (error instanceof errors/* PermissionError */.i_)
                throw error;
            this.log.warning(`could not create the GitHub deployment (${error.message}); the release goes on, the audit log records it`);
        }
    }
    async status(state, description) {
        if (!this.api || this.id === null)
            return;
        await this.api.setDeploymentStatus({
            deploymentId: this.id,
            state,
            description,
            logUrl: this.logUrl,
            ...(this.environmentUrl ? { environmentUrl: this.environmentUrl } : {}),
        });
    }
    /** A rollback is its own deployment, of the version it goes back to. */
    async rollbackDeployment(input) {
        if (!this.api)
            return;
        const tracker = new DeploymentTracker(this.api, this.log, this.environment, this.logUrl, this.environmentUrl);
        try {
            await tracker.create(input);
        }
        catch (error) {
            this.log.warning(`could not create the rollback's GitHub deployment: ${error.message}`);
            return;
        }
        await tracker.status(input.passed ? 'success' : 'failure', input.description);
    }
}

;// CONCATENATED MODULE: ./src/app/rollback.ts
/** The manual `rollback` (from the Actions UI): take a service back to an earlier released version,
 * as its own record, and move the live pointer when it succeeds. */










async function runManualRollback(deps, request) {
    const service = findService(request.config, request.service);
    const claim = await claimRollback(deps, request, service);
    if ('result' in claim)
        return claim.result;
    const { record, writer, live, target } = claim;
    deps.log.info(`${service.name}: rolling back from ${live.version} to ${target.version} (record ${record.id}).`);
    const deployment = await openDeployment(deps, request, service, writer, record, {
        sha: target.sha,
        version: target.version,
        description: `rollback of ${service.name} to ${target.version}`,
    });
    await deployment.status('in_progress', `rolling back from ${live.version}`);
    const ending = await deps.log.group(`Rollback to ${target.version}`, () => performRollback(deps, {
        service,
        failed: { id: record.id, version: live.version, sha: target.sha, service: service.name },
        knownGood: target.version,
        environment: request.environment,
        attempt: request.run.runAttempt,
    }));
    const now = recordTime(deps.clock);
    const ended = endManualRollback(record, ending, now);
    const progress = new ProgressLog(deps.log, (r, options) => writer.save(r, options));
    const recorded = await progress.save(ended, ending.passed ? { live: newPointer(ended, live, now) } : {});
    await deployment.status(ending.passed ? 'success' : 'error', ending.passed ? `${target.version} live again` : 'the rollback failed: manual action needed');
    const story = {
        subject: service.name,
        from: live.version,
        to: target.version,
        environment: request.environment,
    };
    return progress.annotate(resultOf(ended, {
        outcome: ending.passed ? 'rolled-back' : 'rollback-failed',
        failedStage: ending.passed ? '' : 'rollback',
        message: rollbackMessage(story, ending),
        start: 'manual rollback',
        // Not recorded: the post step runs the rollback again (to the same version) and records it.
        ...(recorded ? {} : { pendingRollback: pendingFor(ended, 'rollback') }),
    }));
}
/** Find the target, refuse while a live run holds the service, settle what a dead run left open, and
 * write the rollback's record; or the result that ends the run here (already live, a dry run). */
async function claimRollback(deps, request, service) {
    return untilClaimed(service.name, async () => {
        const tree = await deps.audit.snapshot();
        const state = await readServiceState(tree, request.environment, service.name);
        // A paused release holds the service: `abort` is its rollback, recorded in its own record.
        if (state.latest && isPaused(state.latest)) {
            const refusal = pausedRefusal(state.latest);
            throw new UserError(`${service.name}: ${refusal.message}`, refusal.fix);
        }
        const target = await findTarget(tree, state, service.name, request.environment, request.version);
        const live = state.live;
        if (live.version === target.version && live.sha === target.sha) {
            return {
                result: nothingRunResult({
                    outcome: 'already-released',
                    service: service.name,
                    version: target.version,
                    previousVersion: live['previous-version'],
                    message: `${service.name} ${target.version} is already live in ${request.environment}: nothing to roll back.`,
                    start: 'already live',
                }),
            };
        }
        const open = state.latest && leftOpen(state.latest) ? state.latest : null;
        if (open && (await unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live') {
            throw new UserError(`${service.name}: run ${open['run-id']} is releasing ${open.version} right now`, 'cancel that run (its post step rolls back) or wait for it, then roll back');
        }
        if (request.dryRun)
            return { result: dryRun(deps, request, service, live, target) };
        // What a dead run left open is settled first (its rollback finished); then everything is read again.
        const settled = await settleBeforeRollingBack(deps, request, service, state, open);
        if (settled !== undefined)
            return settled ? { result: settled } : null;
        const record = rollbackRecord(deps, request, service, live, target);
        const writer = new RecordWriter(deps.audit, state.latestPath);
        return (await writer.claim(record)) ? { record, writer, live, target } : null;
    });
}
function dryRun(deps, request, service, live, target) {
    deps.log.info(`Dry run: would roll ${service.name} back from ${live.version} to ${target.version} in ${request.environment}. Nothing is run or written.`);
    return nothingRunResult({
        outcome: 'dry-run',
        service: service.name,
        version: target.version,
        previousVersion: live.version,
        message: `Dry run of the rollback of ${service.name} to ${target.version}: nothing was run or written.`,
        start: 'dry run',
    });
}
/** The record of a manual rollback, as it is claimed: its stage and its rollback under way. */
function rollbackRecord(deps, request, service, live, target) {
    const now = recordTime(deps.clock);
    const record = newRecord({
        id: recordId(request.run, deps.randomId()),
        kind: 'rollback',
        service: service.name,
        environment: request.environment,
        version: target.version,
        previousVersion: live.version,
        sha: target.sha,
        run: request.run,
        now,
    });
    return startManualRollback(record, now);
}
/** The target: the `version` input, else the version live before the current one. It must have been
 * released in this environment (its record gives the commit). */
async function findTarget(tree, state, service, environment, version) {
    const live = state.live;
    if (!live) {
        throw new errors/* InputError */.dz(`${service} has never been released to ${environment}: there is nothing to roll back`, 'release it first, or check the `service` and `environment` inputs');
    }
    const target = version || live['previous-version'];
    if (!target) {
        throw new errors/* InputError */.dz(`${service}: no version was live before ${live.version}`, 'give the version to go back to in the `version` input');
    }
    if (target === live['previous-version'] && live['previous-sha'])
        return { version: target, sha: live['previous-sha'] };
    for (const path of (await tree.list(`records/${service}`)).reverse()) {
        const record = await (0,audit_log/* readJson */.Vh)(tree, path);
        if (record &&
            record.environment === environment &&
            record.version === target &&
            (record.outcome === 'released' || (record.kind === 'rollback' && record.outcome === 'rolled-back'))) {
            return { version: target, sha: record.sha };
        }
    }
    throw new errors/* InputError */.dz(`${service} ${target} was never released to ${environment}`, `pick a version from \`monorepo-release history ${service}\`, e.g. ${live['previous-version'] || live.version}`);
}

;// CONCATENATED MODULE: ./src/app/drill.ts
/** The `drill` use case: prove that a service can be rolled back, on purpose, while nothing is wrong. The
 * live version goes back to the one before it with the rollback command (as a manual rollback runs it),
 * its gate is checked once; then the live version is deployed again at 100 %, and its gate checked once.
 * The drill holds the service's lease like a release (its record, open while it runs), and the live
 * pointer names what is really live after every ending. */










async function runDrill(deps, request) {
    const service = release_request_findService(request.config, request.service);
    refuseProtectedEnvironment(request.config, request.environment);
    const claim = await claimDrill(deps, request, service);
    if ('result' in claim)
        return claim.result;
    return new Drill(deps, request, service, claim).run();
}
/** Refuse while a release holds the service (running, or paused), settle what a dead run left open, and
 * write the drill's record; or the result that ends the run here (a dry run, a settled record's). */
async function claimDrill(deps, request, service) {
    return claim_untilClaimed(service.name, async () => {
        const tree = await deps.audit.snapshot();
        const state = await (0,audit_log/* readServiceState */.zl)(tree, request.environment, service.name);
        refuseWhilePaused(state.latest, service.name);
        const open = state.latest && (0,core_record/* leftOpen */.cb)(state.latest) ? state.latest : null;
        if (open && (await claim_unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live') {
            throw new errors/* UserError */.yo(`${service.name}: run ${open['run-id']} is running a ${open.kind} of ${open.version} (record ${open.id}) right now; a drill would move what is live under it`, 'wait for it to end, then run the drill again (give the drill job the release jobs’ `concurrency` group so they queue)');
        }
        const versions = drillVersions(state.live, service.name, request.environment);
        const before = {
            version: versions.before,
            sha: versions.beforeSha ??
                (await findTarget(tree, state, service.name, request.environment, versions.before)).sha,
        };
        if (request.dryRun)
            return { result: drill_dryRun(deps, request, service, versions.live, before) };
        const settled = await settle_settleBeforeRollingBack(deps, request, service, state, open);
        if (settled !== undefined)
            return settled ? { result: settled } : null;
        const record = drillRecord(deps, request, service, versions.live, before);
        const writer = new audit_log/* RecordWriter */.J9(deps.audit, state.latestPath);
        return (await writer.claim(record)) ? { record, writer, live: versions.live, before } : null;
    });
}
/** The drill's record, as it is claimed: the live version is its version (what it returns to), the one
 * before its previous version (where it goes on the way back). */
function drillRecord(deps, request, service, live, before) {
    return (0,core_record/* newRecord */.Mx)({
        id: (0,core_record/* recordId */.Re)(request.run, deps.randomId()),
        kind: 'drill',
        service: service.name,
        environment: request.environment,
        version: live.version,
        previousVersion: before.version,
        sha: live.sha,
        run: request.run,
        now: (0,audit_log/* recordTime */.$l)(deps.clock),
    });
}
/** One claimed drill: the way back, the way forward, each recorded before and after it runs. */
class Drill {
    deps;
    request;
    service;
    record;
    progress;
    live;
    before;
    constructor(deps, request, service, claim) {
        this.deps = deps;
        this.request = request;
        this.service = service;
        this.record = claim.record;
        this.live = claim.live;
        this.before = claim.before;
        this.progress = new audit_log/* ProgressLog */.qw(deps.log, (r, options) => claim.writer.save(r, options));
    }
    async run() {
        const { service } = this;
        const { live, before } = this;
        this.deps.log.info(`${service.name}: drill in ${this.request.environment}: back from ${live.version} to ${before.version}, then forward to ${live.version} again (record ${this.record.id}).`);
        const back = await this.direction(DRILL_BACK, `Drill: back to ${before.version}`, () => stages_performRollback(this.deps, {
            service,
            failed: { id: this.record.id, version: live.version, sha: before.sha, service: service.name },
            knownGood: before.version,
            environment: this.request.environment,
            attempt: this.request.run.runAttempt,
            signal: this.request.signal,
        }).then((ending) => ({
            result: ending.cancelled ? 'cancelled' : ending.passed ? 'passed' : 'failed',
            checks: ending.checks ?? { passed: 0, failed: 0 },
            ...(ending.error ? { error: ending.error } : {}),
        })));
        if (back !== 'passed')
            return back;
        const forward = await this.direction(DRILL_FORWARD, `Drill: forward to ${live.version}`, () => runStage(this.deps, service, { name: DRILL_FORWARD, percent: 100 }, this.forwardVars(), this.request.signal, async () => undefined));
        if (forward !== 'passed')
            return forward;
        return this.end('drilled', {
            message: `${service.name} drill passed in ${this.request.environment}: rolled back from ${live.version} to ${before.version} and forward to ${live.version} again, both health gates passed; ${live.version} is live.`,
        });
    }
    /** Run one direction as a stage of the record: 'passed', or the result that ends the drill. */
    async direction(name, title, perform) {
        // Saved before anything runs: should this step be cancelled or killed now, the post step (or the
        // next run of the service) finds the drill open and deploys the live version again.
        this.deps.postState?.(release_result_pendingFor(this.record, 'rollback'));
        if (!(await this.save((0,core_record/* startStage */.Nx)(this.record, { name, percent: 100 }, this.now())))) {
            if (name === DRILL_BACK)
                return this.notStarted();
        }
        const outcome = await this.deps.log.group(title, perform);
        await this.save((0,core_record/* updateStage */.Io)(this.record, { ...outcome, 'finished-at': this.now() }, this.now()));
        if (outcome.result === 'passed')
            return 'passed';
        if (outcome.result === 'cancelled')
            return this.cancelled(name);
        return name === DRILL_BACK ? this.backFailed(outcome) : this.forwardFailed(outcome);
    }
    /** The way back failed. Nothing else is deployed. When the rollback command itself failed, what it
     * left is unknown and the pointer keeps the last version known live; when only the gate failed, the
     * version before is what is deployed, and the pointer says so. */
    backFailed(outcome) {
        const { live, before } = this;
        const why = outcome.error?.message ?? 'it failed';
        const deployed = outcome.error?.kind === 'gate';
        const head = `${this.service.name} DRILL FAILED in ${this.request.environment}: the rollback from ${live.version} to ${before.version} failed (${why}). Nothing else was deployed.`;
        const message = deployed
            ? `${head} The rollback command succeeded, so ${before.version} is live, unhealthy; the live pointer now names it. Release ${live.version} again (re-run its release), or roll forward with \`command: rollback\` and \`version: ${live.version}\`.`
            : `${head} Manual action is needed: the service may be partly on ${before.version}; ${live.version} may still be live (the live pointer still names it, the last version known live).`;
        const pointer = deployed ? pointerOnVersionBefore(this.record, live, before, this.now()) : undefined;
        return this.end('drill-failed', {
            message,
            failedStage: DRILL_BACK,
            ...(pointer ? { live: pointer } : {}),
        });
    }
    /** The way forward failed: the version before, which passed its gate at 100 %, is live. The pointer
     * says so, and the log says it loudly. */
    forwardFailed(outcome) {
        const { live, before } = this;
        const why = outcome.error?.message ?? 'it failed';
        const message = `${this.service.name} DRILL FAILED in ${this.request.environment}: rolled back to ${before.version} (its gate passed), but the roll forward to ${live.version} failed (${why}). ${before.version} is LIVE NOW, not ${live.version}, and the live pointer says so${outcome.error?.kind === 'gate' ? `; ${live.version} was deployed and failed its health check` : `; ${live.version} may be partly deployed`}. Release ${live.version} again (re-run its release), or roll forward with \`command: rollback\` and \`version: ${live.version}\`.`;
        this.deps.log.error(`${this.service.name}: ${before.version} is LIVE in ${this.request.environment} now, not ${live.version}: the drill could not roll forward.`);
        return this.end('drill-failed', {
            message,
            failedStage: DRILL_FORWARD,
            live: pointerOnVersionBefore(this.record, live, before, this.now()),
        });
    }
    /** A cancel stopped a direction: the record says so, and the post step deploys the live version again. */
    async cancelled(name) {
        this.record = (0,core_record/* finishRecord */.ZR)(this.record, 'cancelled', this.now());
        await this.save(this.record);
        return this.progress.annotate(release_result_resultOf(this.record, {
            outcome: 'cancelled',
            failedStage: name,
            message: `${this.service.name} drill: cancelled during ${name}; the post step deploys ${this.live.version} again.`,
            start: 'drill',
            pendingRollback: release_result_pendingFor(this.record, 'rollback'),
        }));
    }
    /** The record could not be written before the way back: nothing ran, and the record is closed if it can be. */
    async notStarted() {
        return this.end('drill-failed', {
            message: `${this.service.name} drill: the audit record could not be written, so nothing was run; ${this.live.version} is live.`,
            failedStage: DRILL_BACK,
        });
    }
    async end(outcome, ending) {
        const now = this.now();
        this.record = (0,core_record/* finishRecord */.ZR)(this.record, outcome, now);
        const recorded = await this.progress.save(this.record, ending.live ? { live: ending.live } : {});
        return this.progress.annotate(release_result_resultOf(this.record, {
            outcome,
            failedStage: ending.failedStage ?? '',
            message: ending.message,
            start: 'drill',
            // Not recorded: the post step finds the drill open and deploys the live version again.
            ...(recorded ? {} : { pendingRollback: release_result_pendingFor(this.record, 'rollback') }),
        }));
    }
    forwardVars() {
        return {
            service: this.service.name,
            version: this.live.version,
            previousVersion: this.before.version,
            stage: DRILL_FORWARD,
            percent: 100,
            environment: this.request.environment,
            sha: this.live.sha,
            id: this.record.id,
            attempt: this.request.run.runAttempt,
        };
    }
    /** The record as it now stands, written; false when the write failed (see ProgressLog). */
    save(record) {
        this.record = record;
        return this.progress.save(record);
    }
    now() {
        return (0,audit_log/* recordTime */.$l)(this.deps.clock);
    }
}
function drill_dryRun(deps, request, service, live, before) {
    const rollback = service.rollback ?? `${service.deploy} (with RELEASE_PERCENT=100)`;
    deps.log.info(`Dry run: would drill ${service.name} in ${request.environment}: back from ${live.version} to ${before.version} (${before.sha.slice(0, 12)}) with ${rollback}${service.verify ? ', then the health gate once' : ''}; forward to ${live.version} (${live.sha.slice(0, 12)}) with ${service.deploy} at 100 %${service.verify ? ', then the health gate once' : ''}. Nothing is run or written.`);
    return release_result_nothingRunResult({
        outcome: 'dry-run',
        service: service.name,
        version: live.version,
        previousVersion: before.version,
        message: `Dry run of the drill of ${service.name} in ${request.environment}: nothing was run or written.`,
        start: 'dry run',
    });
}

;// CONCATENATED MODULE: ./src/app/rollout.ts




class Rollout {
    context;
    record;
    /** From here on something may be deployed: a failed audit write stops the rollout and rolls back, it
     * never leaves the service half-way. */
    progress;
    constructor(context, record) {
        this.context = context;
        this.record = record;
        this.progress = new audit_log/* ProgressLog */.qw(context.deps.log, (r, options) => context.writer.save(r, options));
    }
    /** Every stage, from the first one that has not passed when the release is `resumed`: null when all
     * passed, else the result that ended the release. */
    async stages(resumed) {
        const { deps, service } = this.context;
        const names = service.stages.map((s) => s.name);
        const from = resumed ? (0,core_record/* resumeIndex */.su)(this.record, names) : 0;
        if (from > 0)
            deps.log.info(`Stages ${names.slice(0, from).join(', ')} passed before; resuming at ${names[from] ?? 'the end'}.`);
        const last = service.stages[service.stages.length - 1];
        for (const stage of service.stages.slice(from)) {
            const ended = await this.stage(stage);
            if (ended)
                return ended;
            if (stage.pause && stage !== last)
                return this.paused(stage);
        }
        return null;
    }
    /** A promote whose re-check of the paused stage's gate failed: rolled back like a failed stage. */
    async rollBackAfter(why) {
        return this.stop(why);
    }
    /** The last write: the record released, the live pointer on it. */
    async released() {
        const now = this.now();
        this.record = (0,core_record/* finishRecord */.ZR)(this.record, 'released', now);
        await this.progress.save(this.record, { live: (0,core_record/* newPointer */.Ye)(this.record, this.context.live, now) });
        await this.context.deployment.status('success', `${this.record.version} live at 100 %`);
        return this.record;
    }
    /** The result, failed when an audit write of the rollout failed (then the record is printed). */
    report(result) {
        return this.progress.annotate(result);
    }
    async stage(stage) {
        const { deps, request, service, deployment } = this.context;
        deps.postState?.(release_result_pendingFor(this.record, 'stage'));
        if (!(await this.save((0,core_record/* startStage */.Nx)(this.record, stage, this.now()))))
            return this.stop(this.progress.failure);
        await deployment.status('in_progress', `${stage.name} ${stage.percent} %: deploying`);
        const result = await deps.log.group(`Stage ${stage.name} (${stage.percent} %)`, () => runStage(deps, service, stage, this.vars(stage), request.signal, async (checks) => {
            await this.save((0,core_record/* updateStage */.Io)(this.record, { checks }, this.now()));
        }));
        this.record = (0,core_record/* updateStage */.Io)(this.record, { ...result, 'finished-at': this.now() }, this.now());
        if (result.result === 'cancelled')
            return this.cancelled(stage);
        if (result.result === 'failed') {
            await this.save(this.record);
            return this.stop(result.error?.message ?? 'it failed');
        }
        if (!(await this.save(this.record)))
            return this.stop(this.progress.failure);
        await deployment.status('in_progress', `${stage.name} ${stage.percent} %: ${checksLine(result.checks)}`);
        return null;
    }
    /** The stage passed and says `pause: true`: the record is paused (it keeps the service, and no run is
     * needed for that), the post step has nothing to do, and the step succeeds. */
    async paused(stage) {
        const { deps, service, deployment, start } = this.context;
        if (!(await this.save((0,core_record/* pauseRecord */.i_)(this.record, this.now()))))
            return this.stop(this.progress.failure);
        deps.postState?.(null);
        await deployment.status('in_progress', `paused after ${stage.name} ${stage.percent} %`);
        return this.report(pausedResult(this.record, service, start));
    }
    /** A cancel during a stage: the record says so, and the post step rolls back. */
    async cancelled(stage) {
        this.record = (0,core_record/* finishRecord */.ZR)(this.record, 'cancelled', this.now());
        await this.save(this.record);
        await this.context.deployment.status('failure', `cancelled during ${stage.name} ${stage.percent} %`);
        const { service, version } = this.record;
        return this.report(release_result_resultOf(this.record, {
            outcome: 'cancelled',
            failedStage: stage.name,
            message: `${service} ${version}: cancelled during stage ${stage.name}; the post step rolls back to ${this.context.live?.version ?? NO_KNOWN_GOOD}.`,
            start: this.context.start,
            pendingRollback: release_result_pendingFor(this.record, 'stage'),
        }));
    }
    /** Stop the rollout in the stage the record is at, and roll back. */
    async stop(why) {
        const reason = typeof why === 'string' ? why : `the audit record could not be written (${why.message})`;
        const current = this.record.stages[this.record.stages.length - 1]?.name;
        const stage = this.context.service.stages.find((s) => s.name === current);
        const ended = await this.rollBack(stage, reason);
        await this.context.deployment.status(ended.outcome === 'rolled-back' ? 'failure' : 'error', ended.message);
        return this.report(ended);
    }
    /** The one automatic rollback: to the known-good version, recorded in the release's record. It never
     * loops: whatever it returns, the release ends. */
    async rollBack(stage, why) {
        const { deps, request, service, live, start, deployment } = this.context;
        const failed = this.record;
        deps.log.error(`${service.name} ${failed.version}: stage ${stage.name} (${stage.percent} %) failed: ${why}. Rolling back.`);
        const knownGood = live?.version ?? null;
        // Saved before the rollback starts: if this step is cancelled or killed during it, the post step (or
        // the next run) finds the record with its rollback under way and finishes it.
        deps.postState?.(release_result_pendingFor(failed, 'rollback'));
        await this.save((0,core_record/* startRollback */.E)(failed, knownGood, this.now()));
        const ending = await deps.log.group(`Rollback to ${knownGood ?? NO_KNOWN_GOOD}`, () => stages_performRollback(deps, {
            service,
            failed,
            knownGood,
            environment: request.environment,
            attempt: request.run.runAttempt,
            signal: request.signal,
        }));
        const message = release_result_rollbackMessage({
            subject: `${service.name} ${failed.version}`,
            cause: `stage ${stage.name} failed (${why})`,
            from: failed.version,
            to: knownGood,
            environment: request.environment,
        }, ending);
        const ended = { failedStage: stage.name, message, start };
        // Cancelled: no audit write here, the step must end before the runner kills it; the record says the
        // rollback is under way, and the post step runs it again and closes the record.
        if (ending.cancelled)
            return release_result_resultOf(this.record, {
                ...ended,
                outcome: 'cancelled',
                pendingRollback: release_result_pendingFor(this.record, 'rollback'),
            });
        const recorded = await this.save((0,core_record/* endRollback */.Ee)(this.record, ending, this.now()));
        if (live) {
            await deployment.rollbackDeployment({
                sha: live.sha,
                service: service.name,
                version: live.version,
                record: this.record.id,
                passed: ending.passed,
                description: `rollback of ${failed.version} to ${live.version}`,
            });
        }
        return release_result_resultOf(this.record, {
            ...ended,
            outcome: ending.passed ? 'rolled-back' : 'rollback-failed',
            // Not recorded: the post step runs the rollback again (to the same known-good version) and records it.
            ...(recorded ? {} : { pendingRollback: release_result_pendingFor(this.record, 'rollback') }),
        });
    }
    /** The record as it now stands, written; false when the write failed (see ProgressLog). */
    save(record) {
        this.record = record;
        return this.progress.save(record);
    }
    vars(stage) {
        const { request, service, live } = this.context;
        return {
            service: service.name,
            version: this.record.version,
            previousVersion: live?.version ?? '',
            environment: request.environment,
            sha: request.sha,
            id: this.record.id,
            attempt: request.run.runAttempt,
            stage: stage.name,
            percent: stage.percent,
        };
    }
    now() {
        return (0,audit_log/* recordTime */.$l)(this.context.deps.clock);
    }
}
function checksLine(checks) {
    const total = checks.passed + checks.failed;
    return total === 0 ? 'deployed' : `${checks.passed}/${total} checks passed`;
}

// EXTERNAL MODULE: ./src/core/release-order.ts
var release_order = __webpack_require__(2975);
;// CONCATENATED MODULE: ./src/app/wait-for-providers.ts
/** The wait before a release claims its service: a service that is `after` others starts only once each
 * of them that has something to release at this commit is live at this commit or a later one. It waits
 * through the audit log (a fetch every 10 to 20 s), takes no lease and writes nothing while it waits, and
 * ends `blocked` — nothing deployed, the service still pending for the next plan — when one of them
 * failed at this commit or `wait` runs out.
 *
 * Which providers it waits for is worked out here, from the config and the audit log, not passed in:
 * a provider is waited for when it is *pending* at this commit, i.e. what is live of it is older than this
 * commit and its files (or a `depends-on` of it) changed since, which is the rule by which a plan of this
 * commit would list it (plan-since-release.ts). That holds for a re-run, a `workflow_dispatch` or the
 * CLI as well as for a matrix job, and a provider that is live already never holds a release up. */







/** A provider's release at this commit that ended one of these will not be live there: its consumers
 * are blocked. (`paused` is not here: a paused provider is not live yet, and may be promoted.) */
const FAILED_OUTCOMES = new Set([
    'rolled-back',
    'rollback-failed',
    'failed',
    'cancelled',
    'blocked',
]);
/** The first look again after this long, then a little longer each time up to twice it: a few fetches a
 * minute, whatever the length of the wait. */
const FIRST_POLL_MS = 10_000;
const POLL_GROWTH = 1.25;
/** Tests wait in milliseconds rather than seconds: `MONOREPO_RELEASE_WAIT_POLL=200ms`. */
const WAIT_POLL_ENV = 'MONOREPO_RELEASE_WAIT_POLL';
/** Waits for the providers; null when the release may go on, else the result that ends it (blocked, or
 * cancelled while it waited). */
async function waitForProviders(deps, request, service, version) {
    const providers = (0,release_order/* providersOf */.Ou)((0,release_order/* afterGraph */.x$)(request.config.services), service.name);
    if (providers.length === 0)
        return null;
    const tree = await deps.audit.snapshot();
    const own = await (0,audit_log/* readServiceState */.zl)(tree, request.environment, service.name);
    // Already live here (a re-run): the claim says so; nothing to wait for.
    if (own.live && (await isAtOrAfter(deps.git, request.sha, own.live)))
        return null;
    const pending = await pendingProviders(deps, request, providers, tree);
    const end = (outcome, message) => release_result_nothingRunResult({
        outcome,
        service: service.name,
        version,
        previousVersion: own.live?.version ?? '',
        message,
        start: `waiting for ${pending.join(', ')}`,
    });
    if (pending.length === 0) {
        deps.log.info(`${service.name} is after ${providers.join(', ')}: none has changes to release at ${wait_for_providers_short(request.sha)}; starting.`);
        return null;
    }
    return new ProviderWait(deps, request, service, pending, end).run(tree);
}
/** The providers that a plan of this commit would release: their live release is older than this commit
 * and they changed since (a live release on another line of history counts as pending: it cannot be
 * compared). One diff per distinct live commit. */
async function pendingProviders(deps, request, providers, tree) {
    const detector = new detect/* ChangeDetector */.x(request.config);
    const changedSince = new Map();
    const pending = [];
    for (const provider of providers) {
        const { live } = await (0,audit_log/* readServiceState */.zl)(tree, request.environment, provider);
        if (live && (await isAtOrAfter(deps.git, request.sha, live)))
            continue;
        // Never released here, or released on another line of history: it must go live here first.
        if (!live || !(await deps.git.isAncestor(live.sha, request.sha))) {
            pending.push(provider);
            continue;
        }
        if (!changedSince.has(live.sha)) {
            changedSince.set(live.sha, deps.git.changedFiles(live.sha, request.sha).then((files) => new Set(detector.changes(files).keys())));
        }
        if ((await changedSince.get(live.sha)).has(provider))
            pending.push(provider);
    }
    return pending;
}
class ProviderWait {
    deps;
    request;
    service;
    pending;
    end;
    deadline;
    pollMs;
    told = '';
    constructor(deps, request, service, pending, end) {
        this.deps = deps;
        this.request = request;
        this.service = service;
        this.pending = pending;
        this.end = end;
        this.deadline = deps.clock.now().getTime() + this.waitMs;
        this.pollMs = firstPollMs(deps.env);
    }
    get waitMs() {
        return this.service.waitMs ?? schema/* DEFAULTS */.zY.waitMs;
    }
    async run(first) {
        const { deps, request, service } = this;
        const started = deps.clock.now().getTime();
        let tree = first;
        let waiting = [...this.pending];
        for (;;) {
            const states = await Promise.all(waiting.map((p) => this.providerState(tree, p)));
            const failed = states.findIndex((s) => s.state === 'failed');
            if (failed >= 0)
                return this.blockedByFailure(waiting[failed], states[failed]);
            const still = waiting.filter((_, i) => states[i].state === 'waiting');
            if (still.length === 0) {
                deps.log.info(`${service.name}: ${this.pending.join(', ')} live at ${wait_for_providers_short(request.sha)} or later after ${(0,duration/* formatDuration */.a3)(deps.clock.now().getTime() - started)} of waiting; starting.`);
                return null;
            }
            this.tell(states);
            const left = this.deadline - deps.clock.now().getTime();
            if (left <= 0)
                return this.blockedByTime(still, states);
            await deps.clock.sleep(Math.min(this.pollMs, left), request.signal);
            const next = request.signal?.aborted ? null : await this.lookAgain();
            if (next === null)
                return this.cancelled(still);
            this.pollMs = Math.min(this.pollMs * POLL_GROWTH, 2 * firstPollMs(deps.env));
            waiting = still;
            tree = next;
        }
    }
    /** The audit log fetched again; null when a cancel stopped the fetch. */
    async lookAgain() {
        try {
            return await this.deps.audit.snapshot();
        }
        catch (error) {
            if (this.request.signal?.aborted)
                return null;
            throw error;
        }
    }
    cancelled(still) {
        return this.end('cancelled', `${this.service.name}: cancelled while waiting for ${still.join(', ')}; nothing was deployed and no lease was taken.`);
    }
    /** Live at this commit or a later one; failed at this commit; or not yet, and what it is doing. */
    async providerState(tree, provider) {
        const { live, latest } = await (0,audit_log/* readServiceState */.zl)(tree, this.request.environment, provider);
        if (live && (await isAtOrAfter(this.deps.git, this.request.sha, live)))
            return { state: 'live' };
        if (latest && this.failedHere(latest))
            return { state: 'failed', record: latest };
        return { state: 'waiting', what: `${provider}: ${describeRelease(latest, this.request.sha)}` };
    }
    /** A release of this commit that ended without going live. One of an earlier attempt of this very run
     * does not count: "re-run failed jobs" re-runs the provider too, alongside this job. */
    failedHere(record) {
        const { run, sha } = this.request;
        if (record.sha !== sha || !record.outcome || !FAILED_OUTCOMES.has(record.outcome))
            return false;
        return !(record['run-id'] === run.runId && record['run-attempt'] < run.runAttempt);
    }
    /** One line each time what it waits for changes, not one per look. */
    tell(states) {
        const line = `${this.service.name}: waiting for ${whatEachDoes(states)} (up to ${(0,duration/* formatDuration */.a3)(this.waitMs)})…`;
        if (line !== this.told)
            this.deps.log.info((this.told = line));
    }
    blockedByFailure(provider, { record }) {
        const { service, request } = this;
        // `c` after `b` after `a`: "after b, which is after a, whose release…".
        const way = (0,release_order/* afterPath */.wi)((0,release_order/* afterGraph */.x$)(request.config.services), service.name, provider).slice(1);
        return this.end('blocked', `${service.name} is blocked: it is released after ${way.join(', which is after ')}, whose release ${record.version} at ${wait_for_providers_short(request.sha)} ended ${record.outcome} (record ${record.id}). Nothing was deployed; ${service.name} stays pending, so the next plan releases it again once ${provider} is fixed.`);
    }
    blockedByTime(still, states) {
        const { service, request } = this;
        return this.end('blocked', `${service.name} is blocked: ${still.join(', ')} ${still.length > 1 ? 'are' : 'is'} still not live at ${wait_for_providers_short(request.sha)} after ${(0,duration/* formatDuration */.a3)(this.waitMs)} of waiting (${whatEachDoes(states)}). Nothing was deployed; ${service.name} stays pending, so the next plan releases it again. Raise "wait" in the config if its releases take longer.`);
    }
}
function whatEachDoes(states) {
    return states.flatMap((s) => (s.state === 'waiting' ? [s.what] : [])).join('; ');
}
/** What a provider's newest record says it is doing, as seen from a release of `sha`. */
function describeRelease(latest, sha) {
    if (!latest || latest.sha !== sha)
        return `its release of ${wait_for_providers_short(sha)} has not started`;
    if (latest.outcome)
        return `its release ${latest.version} is ${latest.outcome}`;
    const stage = latest.stages[latest.stages.length - 1];
    return `releasing ${latest.version}${stage ? `, stage ${stage.name} ${stage.percent} %` : ''}`;
}
/** The live release is this commit or a descendant of it. A live commit this checkout does not have (pushed
 * after it was made, and released first) is fetched, so it is not taken for an unrelated one. */
async function isAtOrAfter(git, sha, live) {
    if (live.sha === sha || (await git.isAncestor(sha, live.sha)))
        return true;
    if ((await git.resolveCommit(live.sha)) !== null)
        return false;
    await git.fetch({ refspecs: [live.sha] });
    return git.isAncestor(sha, live.sha);
}
/** The first poll interval: 10 s, or MONOREPO_RELEASE_WAIT_POLL (a duration, for tests). */
function firstPollMs(env) {
    const text = env[WAIT_POLL_ENV];
    if (!text)
        return FIRST_POLL_MS;
    const ms = (0,duration/* parseDuration */.E9)(text);
    if (ms === null)
        throw new errors/* InputError */.dz(`${WAIT_POLL_ENV} is "${text}", not a duration`, `set it to a duration like 15s or 200ms, or unset it (default ${(0,duration/* formatDuration */.a3)(FIRST_POLL_MS)})`);
    return ms;
}
function wait_for_providers_short(sha) {
    return sha.slice(0, 12);
}
/** For a dry run: whom a release would wait for, and the state each is in now. */
async function describeWait(deps, request, service) {
    const providers = (0,release_order/* providersOf */.Ou)((0,release_order/* afterGraph */.x$)(request.config.services), service.name);
    if (providers.length === 0)
        return [];
    const tree = await deps.audit.snapshot();
    const pending = await pendingProviders(deps, request, providers, tree);
    const waitMs = (0,duration/* formatDuration */.a3)(service.waitMs ?? schema/* DEFAULTS */.zY.waitMs);
    if (pending.length === 0)
        return [`  after ${providers.join(', ')}: none has changes to release at ${wait_for_providers_short(request.sha)}; no wait`];
    const lines = [
        `  first waits (up to ${waitMs}) until each is live at ${wait_for_providers_short(request.sha)} or later: ${pending.join(', ')}`,
    ];
    for (const provider of pending) {
        const { live, latest } = await (0,audit_log/* readServiceState */.zl)(tree, request.environment, provider);
        lines.push(`    ${provider}: live ${live ? `${live.version} at ${wait_for_providers_short(live.sha)}` : 'nothing'}; ${describeRelease(latest, request.sha)}`);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/app/release.ts
/** The `release` use case: one service, one version, through its stages, with a health gate in each,
 * one automatic rollback when a stage fails, and an audit record written before the first deploy and
 * after every stage. Read top-down: check the request, claim the service (claim.ts), open the GitHub
 * deployment (deployments.ts), roll out the stages (rollout.ts), then mark it released and tag it. */













async function runRelease(deps, request) {
    const service = release_request_findService(request.config, request.service);
    const proposal = releaseVersion(request.config, request.version, request.sha);
    if (request.dryRun)
        return release_dryRun(deps, request, service, proposal);
    const waited = await waitForProviders(deps, request, service, proposal);
    if (waited)
        return waited;
    const claim = await claimRelease(deps, request, service, proposal);
    if ('result' in claim)
        return claim.result;
    const { record, version, start } = claim;
    const live = claim.state.live;
    deps.log.info(`${service.name} ${version}: ${start} (record ${record.id}).`);
    const deployment = await deployments_openDeployment(deps, request, service, claim.writer, record, {
        sha: request.sha,
        version,
        description: `${service.name} ${version}`,
    });
    const rollout = new Rollout({ deps, request, service, live, start, deployment, writer: claim.writer }, record);
    const stopped = await rollout.stages(claim.resumed);
    if (stopped)
        return stopped;
    const released = await rollout.released();
    await pushReleaseTag(deps, request.config, released);
    const undeployed = await undeployedCommits(deps.git, request.config, service.name, live, request.sha);
    if (undeployed.length > 0) {
        deps.log.info(`This release also ships ${undeployed.length} commit(s) never deployed on their own: ${undeployed.map((c) => c.sha.slice(0, 12)).join(', ')}`);
    }
    const note = claim.versionNote ? `${claim.versionNote}. ` : '';
    return rollout.report(release_result_resultOf(released, {
        undeployed,
        outcome: 'released',
        message: `${note}${service.name} ${version} released to ${request.environment} (${service.stages.length} stage(s)).`,
        start,
    }));
}
/** With `conventional` versioning the tag marks the released commit, so tags and the audit log agree. A
 * failure here is a warning: the release itself is done and recorded. A tag on another commit is never
 * moved: it was pushed by hand while this release ran (the version was free when it was claimed), and
 * the error says which build the audit log gives that version to. */
async function pushReleaseTag(deps, config, record) {
    if (config.versioning !== 'conventional')
        return;
    const tag = (0,versions/* formatTag */._3)(config.tag, record.service, record.version);
    try {
        const pushed = await deps.tags.pushTag(tag, record.sha);
        if (pushed.result === 'taken') {
            deps.log.error(`${record.service} ${record.version} is released at ${record.sha.slice(0, 12)} (record ${record.id}), but the tag ${tag} was pushed meanwhile on another commit, ${pushed.sha.slice(0, 12)}; it was left as it is. Delete it and push it on ${record.sha.slice(0, 12)}, so the tag names the build the audit log records.`);
        }
        else {
            deps.log.info(pushed.result === 'pushed' ? `Pushed tag ${tag}.` : `Tag ${tag} is on this commit already.`);
        }
    }
    catch (error) {
        deps.log.warning(`${record.service} ${record.version} is released, but the tag ${tag} could not be pushed: ${error.message}`);
    }
}
/** What a release would run, printed; nothing is run or written. */
async function release_dryRun(deps, request, service, version) {
    const state = await (0,audit_log/* readServiceState */.zl)(await deps.audit.snapshot(), request.environment, service.name);
    const previous = state.live?.version ?? '';
    if (state.latest && (0,core_record/* isPaused */.lP)(state.latest)) {
        const paused = decideStart({
            latest: state.latest,
            latestOwnership: null,
            live: state.live,
            liveIsNewer: false,
            version,
            sha: request.sha,
        });
        if (paused.action === 'refuse')
            deps.log.warning(`${service.name}: a release now would stop before any deploy: ${paused.message}. ${paused.fix}.`);
    }
    deps.log.info(`Dry run: ${service.name} ${version} to ${request.environment} (live now: ${previous || 'nothing recorded'}). Nothing is run or written.`);
    for (const line of await describeWait(deps, request, service))
        deps.log.info(line);
    for (const stage of service.stages) {
        const vars = {
            service: service.name,
            version,
            previousVersion: previous,
            stage: stage.name,
            percent: stage.percent,
            environment: request.environment,
            sha: request.sha,
            id: '(dry-run)',
            attempt: request.run.runAttempt,
        };
        const env = commandEnvironment({}, vars, { passOidc: service.passOidc });
        deps.log.info(`  stage ${stage.name} ${stage.percent} %: ${service.deploy}${stage.bakeMs ? `, then health checks for ${(0,duration/* formatDuration */.a3)(stage.bakeMs)}` : ''}`);
        deps.log.info(`    env: ${Object.entries(env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`);
        if (stage.pause)
            deps.log.info(`  then pause: the release ends \`paused\` here, holding ${service.name} with no runner, until \`command: promote\` (or \`abort\`)`);
    }
    const action = rollbackAction(service, previous || null, version);
    deps.log.info(`  on failure: ${action.command} with RELEASE_VERSION=${action.version} RELEASE_PERCENT=${action.percent}`);
    return release_result_nothingRunResult({
        outcome: 'dry-run',
        service: service.name,
        version,
        previousVersion: previous,
        message: `Dry run of ${service.name} ${version}: nothing was run or written.`,
        start: 'dry run',
    });
}
/** The commits since the live release, other than the released one, that touch the service: a release
 * that failed or was superseded left them pending, and this release ships them. At most 20. */
async function undeployedCommits(git, config, service, live, sha) {
    if (!live || live.sha === sha || !(await git.isAncestor(live.sha, sha)))
        return [];
    const detector = new detect/* ChangeDetector */.x(config);
    return (await git.log(live.sha, sha))
        .filter((c) => c.sha !== sha && detector.touchesService(service, c))
        .slice(0, 20);
}

;// CONCATENATED MODULE: ./src/app/promote.ts
/** `promote` and `abort`: go on with a paused release, or take it back. A paused record keeps the service
 * with no run alive (record.ts `isPaused`); these are the two ways it ends.
 *
 * `promote` first checks the paused stage's gate once more (nobody watched it while it was paused): a
 * failing check rolls back exactly like a failed stage. Then it takes the record over (one compare-and-swap:
 * two promotes never both go on) and rolls out the next stages with the release's own Rollout, up to the
 * next pause or 100 %, then tags the commit and moves the live pointer as a release does.
 * `abort` takes the record over and runs its rollback to the known-good version, recorded in that record.
 * Either one, finding nothing paused, says what it found and succeeds without running anything. */












async function runPromote(deps, request) {
    const service = release_request_findService(request.config, request.service);
    const claimed = await claim_untilClaimed(service.name, async () => {
        const found = await findPaused(deps, request, service, 'promote');
        if (!found || 'result' in found)
            return found;
        if ('interrupted' in found)
            return resumeInterrupted(deps, request, service, found);
        const stage = configuredStage(service, found.paused);
        if (request.dryRun)
            return { result: dryRunPromote(deps, request, service, found.paused, stage) };
        return recheckAndClaim(deps, request, service, found, stage);
    });
    if ('result' in claimed)
        return claimed.result;
    return goOn(deps, request, service, claimed);
}
async function runAbort(deps, request) {
    const service = release_request_findService(request.config, request.service);
    return claim_untilClaimed(service.name, async () => {
        const found = await findPaused(deps, request, service, 'abort');
        if (!found)
            return null;
        if ('result' in found)
            return found.result;
        const record = 'paused' in found ? found.paused : found.interrupted;
        const to = rollbackTarget(record, found.state.live);
        if (request.dryRun) {
            deps.log.info(`Dry run: would abort ${service.name} ${record.version} (record ${record.id}) and roll it back to ${to ?? '(no known-good version: 0 %)'}. Nothing is run or written.`);
            return dryRunResult(record, `Dry run of the abort of ${service.name} ${record.version}: nothing was run or written.`);
        }
        return abort(deps, request, service, record, found.state);
    });
}
/** The newest record of the service, when it is paused (or a promote of it was interrupted), else what
 * ends the run: a refusal (another version asked for, a run holds it) or a no-op saying what was found. */
async function findPaused(deps, request, service, command) {
    const state = await (0,audit_log/* readServiceState */.zl)(await deps.audit.snapshot(), request.environment, service.name);
    const latest = state.latest;
    if (!latest)
        throw new errors/* InputError */.dz(`${service.name} has no release in ${request.environment} to ${command}`, 'check the `service` and `environment` inputs; a release pauses only at a stage that says `pause: true`');
    const pending = (0,core_record/* isPaused */.lP)(latest) || (0,core_record/* leftOpen */.cb)(latest);
    // Only what is paused (or under way) must be the version asked for; anything else is a no-op that says
    // what it found, so a promote job over a whole matrix never fails a second time for a service.
    if (pending && request.version && request.version !== latest.version)
        throw new errors/* InputError */.dz(`${service.name}: version ${request.version} is not the release to ${command}: the newest release is ${latest.version} (${(0,core_record/* isPaused */.lP)(latest) ? `paused since ${(0,core_record/* pausedSince */.tf)(latest)}` : 'in progress'}, record ${latest.id})`, `give \`version: ${latest.version}\`, or leave \`version\` empty`);
    if ((0,core_record/* isPaused */.lP)(latest))
        return { paused: latest, state };
    if ((0,core_record/* leftOpen */.cb)(latest))
        return openRecord(deps, request, service, command, state, latest);
    return { result: nothingPaused(service, state, latest, command, request.version) };
}
/** The newest record is open: a run holds it (refused), or its run is gone and it is settled (its
 * rollback finished) or, for a promote that was interrupted, gone on with. */
async function openRecord(deps, request, service, command, state, open) {
    const owner = (0,core_record/* owningRun */.GJ)(open);
    if ((await claim_unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live')
        throw new errors/* UserError */.yo(`${service.name}: run ${owner.runUrl || owner.runId} is releasing ${open.version} right now (record ${open.id}); nothing was run`, `wait for it to pause or end, then ${command} again; give the promote job \`concurrency: { group: release-<service>, cancel-in-progress: false }\` so runs of a service queue`);
    const settlement = settleOpenRecord(open, { by: command === 'promote' ? 'promote' : 'rollback' });
    if (settlement.action === 'resume')
        return { interrupted: open, state };
    if (settlement.action === 'none')
        return { result: nothingPaused(service, state, open, command, request.version) };
    if (command === 'promote' && !open.resumes?.length && !(0,core_record/* stoppedStage */.Ir)(open) && !open.rollback)
        throw new errors/* UserError */.yo(`${service.name} ${open.version}: its release (record ${open.id}) was interrupted before it paused; nothing was run`, 're-run its release job: it resumes at the interrupted stage, then pauses');
    if (request.dryRun) {
        const would = settlement.action === 'close' ? 'close it' : 'finish its rollback first';
        deps.log.info(`Dry run: ${service.name} ${open.version} (record ${open.id}) was left open by its run (${settlement.why}); a ${command} would ${would}. Nothing is run or written.`);
        return {
            result: dryRunResult(open, `Dry run of the ${command} of ${service.name}: nothing was run or written.`),
        };
    }
    const ended = await settleLeftRecord(deps, request, service, {
        record: open,
        path: state.latestPath,
        live: state.live,
        settlement,
    });
    // Settled: read again (the no-op then says it was rolled back).
    return ended ? { result: ended } : null;
}
/** Nothing is paused: say what the newest record is, run nothing, succeed. */
function nothingPaused(service, state, latest, command, asked) {
    const live = state.live;
    const other = asked && asked !== latest.version ? ` (no release of ${asked} is paused either)` : '';
    const isLive = live?.record === latest.id && live.version === latest.version;
    const outcome = isLive ? 'already-released' : (latest.outcome ?? 'failed');
    const message = isLive
        ? `${service.name} ${latest.version} is live at 100 % since ${live['updated-at']} (record ${latest.id}): nothing to ${command}${other}${command === 'abort' ? '; to go back to an earlier version use `command: rollback`' : ''}.`
        : `${service.name}: nothing is paused${other}. Its newest ${latest.kind === 'release' ? 'release' : `record, a ${latest.kind},`} ${latest.version} (record ${latest.id}), ended ${latest.outcome}${latest.rollback?.['to-version'] ? `; ${latest.rollback['to-version']} is live` : ''}: nothing to ${command}, nothing was run.`;
    return {
        ...release_result_nothingRunResult({
            outcome,
            service: service.name,
            version: latest.version,
            previousVersion: latest['previous-version'],
            message,
            start: `${command}: nothing paused`,
        }),
        record: latest,
        noOp: true,
    };
}
/** The paused stage as the config has it now (its gate is checked again at its percent). */
function configuredStage(service, record) {
    const passed = (0,core_record/* pausedStage */.TS)(record);
    const stage = service.stages.find((s) => s.name === passed?.name);
    if (!stage)
        throw new errors/* InputError */.dz(`${service.name} ${record.version} is paused after stage ${passed?.name ?? '(none)'}, which the config no longer has`, `abort it (\`command: abort\`), or put the stage back in the config`);
    return stage;
}
function dryRunPromote(deps, request, service, record, stage) {
    const next = service.stages.slice((0,core_record/* resumeIndex */.su)(record, service.stages.map((s) => s.name)));
    const until = next.findIndex((s) => s.pause);
    const run = until === -1 || until === next.length - 1 ? next : next.slice(0, until + 1);
    const end = run.at(-1)?.pause && run.at(-1) !== service.stages.at(-1)
        ? `pause after ${run.at(-1).name}`
        : 'reach 100 %, tag and move the live pointer';
    deps.log.info(`Dry run: would promote ${service.name} ${record.version} (record ${record.id}, paused since ${(0,core_record/* pausedSince */.tf)(record)}) in ${request.environment}: check the gate of ${stage.name} (${stage.percent} %) once${service.verify ? '' : ' (no verify: nothing to check)'}, then ${run.map((s) => `${s.name} ${s.percent} %`).join(', ')}, then ${end}. On a failing check: roll back to ${record['previous-version'] || '(no known-good version)'}. Nothing is run or written.`);
    return dryRunResult(record, `Dry run of the promote of ${service.name} ${record.version}: nothing was run or written.`);
}
function dryRunResult(record, message) {
    return release_result_nothingRunResult({
        outcome: 'dry-run',
        service: record.service,
        version: record.version,
        previousVersion: record['previous-version'],
        message,
        start: 'dry run',
    });
}
/** Check the paused stage's gate once, then take the record over (with the rollback started when the
 * check failed); null when another run changed the record first. */
async function recheckAndClaim(deps, request, service, found, stage) {
    const { paused, state } = found;
    deps.log.info(`${service.name} ${paused.version}: paused after ${stage.name} since ${(0,core_record/* pausedSince */.tf)(paused)}; checking its gate once more.`);
    const check = await deps.log.group(`Re-check of ${stage.name} (${stage.percent} %)`, () => recheckGate(deps, service, stageVars(request, paused, state, stage), request.signal));
    if (check.result === 'cancelled')
        return {
            result: release_result_resultOf(paused, {
                outcome: 'cancelled',
                message: `${service.name} ${paused.version}: the promote was cancelled during its re-check; nothing was deployed, and it stays paused.`,
                start: 'promote',
            }),
        };
    const now = (0,audit_log/* recordTime */.$l)(deps.clock);
    const taken = (0,core_record/* resumeRecord */.D)(paused, {
        command: 'promote',
        run: request.run,
        at: now,
        stage: stage.name,
        recheck: recheckOf(check),
    });
    const failed = check.result === 'failed';
    // A failing check starts the rollback in the same write: a run lost right after it leaves a record whose
    // rollback is under way, which the next run finishes, never one that could be resumed forward.
    const record = failed ? (0,core_record/* startRollback */.E)(taken, rollbackTarget(paused, state.live), now) : taken;
    if (!(await writeUnchanged(deps, state.latestPath, paused, record, `${service.name} ${paused.version}: promote`)))
        return null;
    return {
        record,
        state,
        start: `promote of the release paused after ${stage.name}`,
        ...(failed ? { recheckFailed: check.error?.message ?? 'the gate failed' } : {}),
    };
}
/** A promote whose run was lost: this run takes the record over and goes on at the interrupted stage. */
async function resumeInterrupted(deps, request, service, found) {
    const { interrupted, state } = found;
    const at = service.stages[(0,core_record/* resumeIndex */.su)(interrupted, service.stages.map((s) => s.name))];
    if (request.dryRun) {
        deps.log.info(`Dry run: would resume the interrupted promote of ${service.name} ${interrupted.version} (record ${interrupted.id}) at ${at?.name ?? 'the end'}. Nothing is run or written.`);
        return {
            result: dryRunResult(interrupted, `Dry run of the promote of ${service.name} ${interrupted.version}: nothing was run or written.`),
        };
    }
    const record = (0,core_record/* resumeRecord */.D)(interrupted, {
        command: 'resume',
        run: request.run,
        at: (0,audit_log/* recordTime */.$l)(deps.clock),
        stage: at?.name ?? '',
    });
    const path = state.latestPath;
    if (!(await writeUnchanged(deps, path, interrupted, record, `${service.name} ${interrupted.version}: promote resumed`)))
        return null;
    return { record, state, start: `resuming the interrupted promote at ${at?.name ?? 'the end'}` };
}
/** The promote, claimed: roll back after a failing re-check, else the next stages with the release's
 * own Rollout, then, at 100 %, the tag. */
async function goOn(deps, request, service, claim) {
    const { record, state, start } = claim;
    deps.postState?.(release_result_pendingFor(record, claim.recheckFailed ? 'rollback' : 'stage'));
    deps.log.info(`${service.name} ${record.version}: ${start} (record ${record.id}).`);
    const deployment = DeploymentTracker.for(deps.github, deps.log, request.config, service, request.environment, request.run.runUrl);
    await deployment
        .create({
        sha: record.sha,
        service: service.name,
        version: record.version,
        record: record.id,
        description: `promote of ${service.name} ${record.version}`,
    })
        .catch((error) => deps.log.warning(`no GitHub deployment for the promote: ${error.message}`));
    const rollout = new Rollout({
        deps,
        request: { ...request, version: record.version, sha: record.sha },
        service,
        live: state.live,
        start,
        deployment,
        writer: new audit_log/* RecordWriter */.J9(deps.audit, state.latestPath),
    }, record);
    if (claim.recheckFailed)
        return rollout.rollBackAfter(`its gate failed when the promote checked it again (${claim.recheckFailed})`);
    const stopped = await rollout.stages(true);
    if (stopped)
        return stopped;
    const released = await rollout.released();
    await pushReleaseTag(deps, request.config, released);
    return rollout.report(release_result_resultOf(released, {
        outcome: 'released',
        message: `${service.name} ${released.version} promoted and released to ${request.environment} (${service.stages.length} stage(s)).`,
        start,
    }));
}
/** Take the paused record over and roll it back to the known-good version, in that record. */
async function abort(deps, request, service, record, state) {
    const path = state.latestPath;
    const stage = (0,core_record/* pausedStage */.TS)(record);
    const taken = (0,core_record/* resumeRecord */.D)(record, {
        command: 'abort',
        run: request.run,
        at: (0,audit_log/* recordTime */.$l)(deps.clock),
        stage: stage?.name ?? '',
    });
    if (!(await writeUnchanged(deps, path, record, taken, `${service.name} ${record.version}: abort`)))
        return null;
    const who = request.run.triggeringActor || request.run.actor || 'someone';
    const settled = await settleRecord(deps, {
        record: taken,
        path,
        live: state.live,
        settlement: {
            action: 'finish-rollback',
            why: `aborted by ${who}${stage ? ` while paused after ${stage.name} (${stage.percent} %)` : ''}`,
        },
        service,
        by: `the abort of run ${request.run.runId}`,
        attempt: request.run.runAttempt,
        signal: request.signal,
    });
    switch (settled.result) {
        case 'lost-race':
            return null;
        case 'closed':
            return release_result_resultOf(settled.record, {
                outcome: settled.record.outcome ?? 'failed',
                message: `${service.name}: record ${record.id} closed.`,
                start: 'abort',
            });
        case 'unrecorded':
            return {
                ...release_result_resultOf(settled.record, {
                    outcome: settled.passed ? 'rolled-back' : 'rollback-failed',
                    message: settled.message,
                    start: 'abort',
                }),
                pendingRollback: release_result_pendingFor(settled.record, 'rollback'),
                ...(settled.auditError ? { auditError: settled.auditError } : {}),
            };
        case 'cancelled':
            return {
                ...release_result_resultOf(settled.record, { outcome: 'cancelled', message: settled.message, start: 'abort' }),
                pendingRollback: release_result_pendingFor(settled.record, 'rollback'),
            };
        default:
            return release_result_resultOf(settled.record, { outcome: settled.result, message: settled.message, start: 'abort' });
    }
}
function stageVars(request, record, state, stage) {
    return {
        service: record.service,
        version: record.version,
        previousVersion: state.live?.version ?? '',
        environment: request.environment,
        sha: record.sha,
        id: record.id,
        attempt: request.run.runAttempt,
        stage: stage.name,
        percent: stage.percent,
    };
}
function recheckOf(check) {
    return {
        result: check.result === 'passed' ? 'passed' : 'failed',
        checks: check.checks,
        ...(check.error ? { error: check.error } : {}),
    };
}

;// CONCATENATED MODULE: ./src/cli-release.ts
/** `monorepo-release release --dry-run` (and `promote` / `abort --dry-run`): the stages, commands and
 * environment a release would use. A module of its own so that the CLI loads the release code only for
 * these commands. */









/** A run on this machine: no workflow run to name. */
const LOCAL_RUN = {
    event: 'local',
    ref: '',
    actor: '',
    triggeringActor: '',
    runId: 'local',
    runAttempt: 1,
    runUrl: '',
};
function localDeps(cli, config) {
    const { root, git, out } = cli;
    return {
        git,
        log: new console_logger/* ConsoleLogger */.Cr((line) => out(line + '\n')),
        audit: cli.auditFor(config.audit.branch),
        runner: new ShellRunner({ cwd: root, write: out }),
        probe: new FetchProbe(),
        clock: clock/* systemClock */.m,
        tags: new GitTagPusher({ root }),
        randomId: () => 'dry-run',
        env: process.env,
        secrets: [],
    };
}
async function previewRelease(cli, config, options) {
    const sha = (await cli.git.resolveCommit(options.head ?? 'HEAD'));
    return runRelease(localDeps(cli, config), {
        config,
        service: options.service,
        version: options.version,
        sha,
        environment: (0,app_config/* resolveEnvironment */.g9)(config, options.environment),
        run: LOCAL_RUN,
        dryRun: true,
    });
}
/** `promote <service> --dry-run` / `abort <service> --dry-run`: what the command would do with the paused
 * release the audit log holds, or what it found instead. */
async function previewPromote(cli, config, options) {
    const use = options.command === 'promote' ? runPromote : runAbort;
    return use(localDeps(cli, config), {
        config,
        service: options.service,
        version: options.version,
        environment: (0,app_config/* resolveEnvironment */.g9)(config, options.environment),
        run: LOCAL_RUN,
        dryRun: true,
    });
}
/** `monorepo-release drill <service> --dry-run`: what a drill would run, from the audit log; runs nothing. */
async function previewDrill(cli, config, options) {
    return runDrill(localDeps(cli, config), {
        config,
        service: options.service,
        environment: (0,app_config/* resolveEnvironment */.g9)(config, options.environment),
        run: LOCAL_RUN,
        dryRun: true,
    });
}


/***/ })

};
