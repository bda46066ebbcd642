export const id = 401;
export const ids = [401];
export const modules = {

/***/ 2401:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubFromEnv: () => (/* binding */ githubFromEnv)
/* harmony export */ });
/* unused harmony export OctokitGitHub */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1351);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5555);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6856);
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8571);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3350);
/** The GitHub REST API, as the action uses it: Octokit from the Actions toolkit (its proxy support and
 * User-Agent), with the retry plugin for 5xx answers and timeouts and the throttling plugin for rate limits. */







const DEFAULT_API_URL = 'https://api.github.com';
const MAX_RETRIES = 3;
/** GitHub rejects a deployment status whose description is longer. */
const STATUS_DESCRIPTION_MAX = 140;
/** Statuses the retry plugin must leave alone: client errors that a retry cannot fix, and 429, which the
 * throttling plugin handles by waiting as GitHub says. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
class OctokitGitHub {
    sent = 0;
    octokit;
    owner;
    repo;
    log;
    capSeconds;
    /** HTTP requests sent so far, retries included (the tests hold the action to a budget). */
    get requests() {
        return this.sent;
    }
    constructor(options) {
        const [owner, repo, ...extra] = options.repository.split('/');
        if (!owner || !repo || extra.length > 0) {
            throw new Error(`the repository must be "owner/name", got "${options.repository}"`);
        }
        this.owner = owner;
        this.repo = repo;
        this.log = options.log;
        this.capSeconds = options.retryAfterCapSeconds ?? 60;
        const onLimit = (retryAfter, request, _, count) => this.waitForRateLimit(retryAfter, `${request.method} ${request.url}`, count);
        this.octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
            baseUrl: (options.apiUrl ?? (process.env.GITHUB_API_URL || DEFAULT_API_URL)).replace(/\/+$/, ''),
            userAgent: 'monorepo-release',
            log: octokitLog(options.log),
            request: {
                fetch: timedFetch(toolkitFetch(), options.requestTimeoutMs ?? 20_000, () => this.sent++),
            },
            retry: {
                doNotRetry: DO_NOT_RETRY,
                retries: MAX_RETRIES,
                retryAfterBaseValue: options.retryBaseMs ?? 1000,
            },
            // The handlers do the waiting themselves (capped), so the plugin adds none.
            throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit, retryAfterBaseValue: 0 },
        }, 
        // Order matters: the first plugin's hook is the innermost, so the label is on before the others look.
        labelSecondaryRateLimits, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_5__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_6__/* .throttling */ .A);
    }
    async createDeployment(input) {
        let data;
        try {
            ({ data } = await this.octokit.rest.repos.createDeployment({
                owner: this.owner,
                repo: this.repo,
                ref: input.sha,
                environment: input.environment,
                description: input.description,
                payload: input.payload,
                auto_merge: false,
                required_contexts: [],
                transient_environment: false,
                production_environment: input.environment.startsWith('production'),
            }));
        }
        catch (error) {
            throw this.deploymentError(error, input);
        }
        if (typeof data.id !== 'number') {
            throw new Error(`GitHub did not create the deployment of ${input.sha}: ${String(data.message ?? 'no id')}`);
        }
        return data.id;
    }
    async setDeploymentStatus(input) {
        try {
            await this.octokit.rest.repos.createDeploymentStatus({
                owner: this.owner,
                repo: this.repo,
                deployment_id: input.deploymentId,
                state: input.state,
                description: truncate(input.description, STATUS_DESCRIPTION_MAX),
                log_url: input.logUrl,
                ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
                // Marks the environment's earlier deployments inactive, so only the live one shows as active.
                ...(input.state === 'success' ? { auto_inactive: true } : {}),
            });
            return true;
        }
        catch (error) {
            const hint = permissionHint(error, 'the job needs `deployments: write`');
            this.log.warning(`Could not set the GitHub deployment status "${input.state}" of deployment ${input.deploymentId}: ` +
                `${describeFailure(error)}${hint}. The release goes on without it.`);
            return false;
        }
    }
    async upsertComment(input) {
        // The marker leads the body: it finds the comment next time, whoever the token belongs to.
        const body = input.body.startsWith(input.marker) ? input.body : `${input.marker}\n${input.body}`;
        const where = { owner: this.owner, repo: this.repo };
        try {
            const existing = await this.findMarkedComment(input.issueNumber, input.marker);
            if (existing !== null) {
                await this.octokit.rest.issues.updateComment({ ...where, comment_id: existing, body });
                return 'updated';
            }
            await this.octokit.rest.issues.createComment({ ...where, issue_number: input.issueNumber, body });
            return 'created';
        }
        catch (error) {
            const hint = permissionHint(error, 'the job needs `pull-requests: write`; a pull request from a fork only gets a read-only token');
            this.log.warning(`Could not write the comment on #${input.issueNumber}: ${describeFailure(error)}${hint}`);
            return 'failed';
        }
    }
    async runActive(runId) {
        if (!/^\d+$/.test(runId))
            return null;
        try {
            const { data } = await this.octokit.rest.actions.getWorkflowRun({
                owner: this.owner,
                repo: this.repo,
                run_id: Number(runId),
            });
            return typeof data.status === 'string' ? data.status !== 'completed' : null;
        }
        catch (error) {
            this.log.debug(`The status of workflow run ${runId} is unknown: ${describeFailure(error)}`);
            return null;
        }
    }
    /** The comment to edit: one with the marker written by a bot (the GITHUB_TOKEN's app); failing that, one
     * that starts with the marker as this action writes it (a personal token's user). A human who quotes the
     * comment has neither, and their comment is left alone. Stops paging at the first bot's comment. */
    async findMarkedComment(issueNumber, marker) {
        let startsWithMarker = null;
        const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
            owner: this.owner,
            repo: this.repo,
            issue_number: issueNumber,
            per_page: 100,
        });
        for await (const { data } of pages) {
            for (const comment of data) {
                if (!comment.body?.includes(marker))
                    continue;
                if (comment.user?.type === 'Bot')
                    return comment.id;
                if (startsWithMarker === null && comment.body.startsWith(marker))
                    startsWithMarker = comment.id;
            }
        }
        return startsWithMarker;
    }
    deploymentError(error, input) {
        const failure = apiFailure(error);
        const what = `the GitHub deployment of ${input.sha} to "${input.environment}" in ${this.owner}/${this.repo}`;
        if (failure && isPermissionDenial(failure)) {
            return new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PermissionError */ .i_(`The token may not create ${what}: HTTP ${failure.status} ${apiMessage(failure)}`, `${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .permissionsBlock */ .It)({ deployments: true })}\n` +
                'Give the release job these permissions, or set `audit.deployments: false` in the config.');
        }
        if (failure?.status === 422)
            return new Error(`GitHub refused ${what}: ${apiMessage(failure)}`);
        return new Error(`Could not create ${what}: ${describeFailure(error)}`);
    }
    /** Called by the throttling plugin for a rate limit: waits (at most the cap) and says whether to retry. */
    async waitForRateLimit(retryAfter, request, retryCount) {
        if (retryCount >= MAX_RETRIES)
            return false;
        const seconds = Math.max(0, Math.min(retryAfter, this.capSeconds));
        this.log.info(`GitHub API rate limit on ${request}: retrying in ${seconds} s (${retryCount + 1}/${MAX_RETRIES})`);
        await (0,_clock_js__WEBPACK_IMPORTED_MODULE_4__/* .sleep */ .y)(seconds * 1000);
        return true;
    }
}
/** The API client for the action, or null when there is no repository or token (e.g. the local CLI). */
function githubFromEnv(env, token, log) {
    const repository = env.GITHUB_REPOSITORY;
    if (!token || !repository || !/^[^/\s]+\/[^/\s]+$/.test(repository))
        return null;
    return new OctokitGitHub({ token, repository, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL, log });
}
/** The toolkit's fetch, which goes through the runner's proxy (HTTPS_PROXY / NO_PROXY) when there is one. The
 * toolkit picks the proxy for GITHUB_API_URL when it is loaded, which is the URL the action talks to. */
function toolkitFetch() {
    return _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch ?? globalThis.fetch;
}
/** Counts each request and bounds it, body included: a response that stalls midway is a timeout too. A timeout
 * surfaces as a plain error saying so, which Octokit wraps in a retryable 500 (an error named AbortError it
 * would rethrow as is, never retried). */
function timedFetch(base, timeoutMs, onRequest) {
    return async (input, init) => {
        onRequest();
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
            const response = await base(input, { ...init, signal });
            const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
            return new Response(body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
            });
        }
        catch (error) {
            if (timeout.aborted)
                throw new Error(`no answer within ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(timeoutMs)}`, { cause: error });
            throw error;
        }
    };
}
/** GitHub answers a secondary rate limit with 403 or 429 and `retry-after` (a 429 may lack it); the
 * throttling plugin recognises one only by the words "secondary rate" in the message, so they are added. */
function labelSecondaryRateLimits(octokit) {
    octokit.hook.error('request', (error) => {
        const failure = apiFailure(error);
        const unlabelled = failure &&
            (failure.status === 429 || (failure.status === 403 && failure.headers['retry-after'] !== undefined)) &&
            !/\bsecondary rate\b/i.test(failure.message);
        if (unlabelled)
            error.message = `secondary rate limit (HTTP ${failure.status}): ${failure.message}`;
        throw error;
    });
}
function octokitLog(log) {
    return {
        debug: (message) => log.debug(message),
        info: (message) => log.debug(message),
        warn: (message) => log.warning(message),
        error: (message) => log.warning(message),
    };
}
function apiFailure(error) {
    if (typeof error !== 'object' || error === null)
        return null;
    const { status, message, response } = error;
    if (typeof status !== 'number' || typeof response !== 'object' || response === null)
        return null;
    const { headers, data } = response;
    return { status, message: String(message), headers: headers ?? {}, data };
}
function isRateLimit(failure) {
    return (failure.headers['retry-after'] !== undefined ||
        failure.headers['x-ratelimit-remaining'] === '0' ||
        /rate limit/i.test(failure.message));
}
/** "Resource not accessible by integration" (403, or 404 for some endpoints), or any 403 that is not a rate
 * limit: the token lacks a permission. */
function isPermissionDenial(failure) {
    if (/resource not accessible by integration/i.test(failure.message))
        return true;
    return failure.status === 403 && !isRateLimit(failure);
}
function permissionHint(error, hint) {
    const failure = apiFailure(error);
    return failure && isPermissionDenial(failure) ? ` (${hint})` : '';
}
/** The API's own words: its message and each validation error's. */
function apiMessage(failure) {
    const data = (typeof failure.data === 'object' && failure.data !== null ? failure.data : {});
    const details = Array.isArray(data.errors)
        ? data.errors.map((e) => typeof e === 'string' ? e : String(e.message ?? [e.field, e.code].filter(Boolean).join(' ')))
        : [];
    const message = typeof data.message === 'string' ? data.message : failure.message;
    return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}
function describeFailure(error) {
    const failure = apiFailure(error);
    if (failure)
        return `HTTP ${failure.status} ${apiMessage(failure)}`;
    return error instanceof Error ? error.message : String(error);
}
/** At most `max` characters (code points, so no emoji is cut in half), an ellipsis marking the cut. */
function truncate(text, max) {
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}


/***/ })

};
