// The quick entry page (Features/Figures/QuickEntryPage.razor). Every value is kept in localStorage the moment it is typed,
// under the signed-in user, with the report version and the value it was typed against, and sent to
// /figures/quick/values whenever the line allows. An entry leaves the store only once the server has it.
(() => {
    'use strict';
    const main = document.getElementById('quick');
    if (!main) {
        return;
    }

    const user = main.dataset.user;
    const month = main.dataset.month;
    const text = JSON.parse(main.dataset.text);
    const banner = document.getElementById('quick-banner');
    const storageKey = `branchnetwork.quick.${user}`;
    let token = main.querySelector('input[name="__RequestVerificationToken"]').value;
    let offline = false;
    let signedOut = false;
    let flushing = false;
    let sent = false;
    let retryTimer = null;
    let retryDelay = 1000;
    const sending = new Set();

    const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)] ?? '');
    const normalize = value => (value ?? '').normalize('NFKC').replace(/[,，\s]/g, '');
    const isNumber = value => value === '' || /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value);
    const same = (a, b) => {
        const [x, y] = [normalize(a), normalize(b)];
        return x === y || (x !== '' && y !== '' && isNumber(x) && isNumber(y) && Number(x) === Number(y));
    };
    const sameText = (a, b) => (a ?? '').trim() === (b ?? '').trim();

    // The store: { values: { "unit|month|indicator": entry }, submits: { "unit|month": { unit, month } } }, read afresh
    // before every change so that two tabs of the same account add to one queue.
    const load = () => {
        try {
            const stored = JSON.parse(localStorage.getItem(storageKey));
            return { values: stored?.values ?? {}, submits: stored?.submits ?? {} };
        } catch {
            return { values: {}, submits: {} };
        }
    };
    let queue = load();
    const change = mutate => {
        queue = load();
        mutate(queue);
        try {
            localStorage.setItem(storageKey, JSON.stringify(queue));
        } catch {
            // A full or refused store: the queue still lives in this page until it is sent.
        }
    };

    const keyOf = (unit, indicator) => `${unit}|${month}|${indicator}`;
    const units = () => Array.from(main.querySelectorAll('.quick-unit'));
    const unitNamed = code => units().find(u => u.dataset.unit === code);
    const fieldOf = (unit, indicator) => unitNamed(unit)?.querySelector(`.quick-field[data-indicator="${CSS.escape(indicator)}"]`);
    const valueInput = field => field.querySelector('.quick-value');
    const explanationInput = field => field.querySelector('.quick-explanation');
    const ours = () => Object.entries(queue.values).filter(([, e]) => e.month === month && fieldOf(e.unit, e.indicator));
    const waiting = () => ours().filter(([, e]) => e.state === 'pending').length;
    const unsaved = () => ours().filter(([, e]) => e.state !== 'pending').length;
    const submitsWaiting = () => Object.values(queue.submits).filter(s => s.month === month && unitNamed(s.unit)).length;

    function remember(field) {
        const unit = field.closest('.quick-unit');
        const key = keyOf(unit.dataset.unit, field.dataset.indicator);
        change(q => {
            const before = q.values[key];
            const value = valueInput(field).value;
            const explanation = explanationInput(field)?.value ?? null;
            if (!before && same(value, field.dataset.saved) && sameText(explanation, field.dataset.explanationSaved)) {
                return;
            }

            q.values[key] = {
                unit: unit.dataset.unit,
                month,
                indicator: field.dataset.indicator,
                value,
                explanation,
                // What the worker saw when they began to type: a change by someone else since then is a conflict.
                typedAgainstVersion: before?.typedAgainstVersion ?? Number(unit.dataset.version),
                typedOver: before?.typedOver ?? field.dataset.saved ?? '',
                state: before?.state === 'conflict' ? 'conflict' : isNumber(normalize(value)) ? 'pending' : 'invalid',
                theirs: before?.theirs,
                theirsText: before?.theirsText,
                theirExplanation: before?.theirExplanation,
                conflictVersion: before?.conflictVersion,
            };
        });
        show(field);
        render();
    }

    function show(field) {
        const unit = field.closest('.quick-unit');
        const key = keyOf(unit.dataset.unit, field.dataset.indicator);
        const entry = queue.values[key];
        const state = field.querySelector('.quick-state');
        state.replaceChildren();
        field.dataset.state = entry?.state ?? (field.dataset.saved ? 'saved' : '');
        if (!entry) {
            state.textContent = field.dataset.saved ? text.saved : '';
        } else if (entry.state === 'pending') {
            state.textContent = sending.has(key) ? text.sending : text.pending;
        } else if (entry.state === 'invalid') {
            state.textContent = format(text.refused, format(text.notANumber, entry.value));
        } else if (entry.state === 'refused') {
            state.textContent = format(text.refused, entry.message);
        } else if (entry.state === 'conflict') {
            state.append(format(text.conflict, entry.theirsText, entry.value));
            state.append(button(text.keepMine, 'keep-mine'), button(text.keepTheirs, 'keep-theirs'));
        }
    }

    function button(label, action) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'quick-choice';
        b.dataset.action = action;
        b.textContent = label;
        return b;
    }

    function render() {
        const count = waiting();
        banner.replaceChildren();
        const busy = count > 0 || submitsWaiting() > 0;
        const attention = unsaved();
        banner.dataset.state = signedOut ? 'signed-out' : offline && busy ? 'offline' : busy ? 'sending' : attention > 0 ? 'attention' : sent ? 'saved' : '';
        if (signedOut) {
            banner.append(format(text.signedOut, count), ' ');
            const link = document.createElement('a');
            link.href = `Account/Login?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`;
            link.textContent = text.signIn;
            banner.append(link);
        } else if (busy) {
            banner.textContent = format(offline ? text.offline : text.uploading, count);
        } else if (attention > 0) {
            banner.textContent = format(text.attention, attention);
        } else if (sent) {
            banner.textContent = text.allSaved;
        }

        banner.hidden = banner.dataset.state === '';
        for (const unit of units()) {
            const fields = Array.from(unit.querySelectorAll('.quick-field'));
            const filled = fields.filter(f => (valueInput(f)?.value ?? f.dataset.saved ?? '') !== '').length;
            unit.querySelector('.quick-count').textContent = format(text.filled, filled, fields.length);
        }
    }

    async function post(path, body, renewed = false) {
        let response;
        try {
            response = await fetch(`figures/quick/${path}`, {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
                body: JSON.stringify(body),
                signal: AbortSignal.timeout(20000),
            });
        } catch {
            return { offline: true };
        }

        if (response.status === 401) {
            return { signedOut: true };
        }

        if (response.status >= 500) {
            return { offline: true };
        }

        const answer = await response.json().catch(() => ({}));
        if (response.status === 400 && answer.token === 'expired' && !renewed) {
            try {
                const fresh = await fetch('figures/quick/token', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
                if (fresh.status === 401) {
                    return { signedOut: true };
                }

                token = (await fresh.json()).token;
            } catch {
                return { offline: true };
            }

            return post(path, body, true);
        }

        return { status: response.status, answer };
    }

    async function flush() {
        if (flushing) {
            return;
        }

        flushing = true;
        clearTimeout(retryTimer);
        let stopped = false;
        try {
            for (const [key, entry] of ours().filter(([, e]) => e.state === 'pending')) {
                const field = fieldOf(entry.unit, entry.indicator);
                sending.add(key);
                show(field);
                const result = await post('values', {
                    user, unit: entry.unit, month, indicator: entry.indicator, value: entry.value, explanation: entry.explanation,
                    typedAgainstVersion: entry.typedAgainstVersion, typedOver: entry.typedOver,
                });
                sending.delete(key);
                if (!settle(result)) {
                    stopped = true;
                    show(field);
                    break;
                }

                answered(key, entry, field, result);
            }

            for (const [key, submit] of Object.entries(queue.submits).filter(([, s]) => s.month === month)) {
                const unit = unitNamed(submit.unit);
                if (!unit || stopped) {
                    continue;
                }

                if (ours().some(([, e]) => e.unit === submit.unit)) {
                    continue;
                }

                const result = await post('submit', { user, unit: submit.unit, month, version: Number(unit.dataset.version) });
                if (!settle(result)) {
                    stopped = true;
                    break;
                }

                change(q => delete q.submits[key]);
                submitted(unit, result);
            }
        } finally {
            flushing = false;
            render();
        }

        if (stopped) {
            retryTimer = setTimeout(flush, signedOut ? 10000 : retryDelay);
            retryDelay = Math.min(retryDelay * 2, 4000);
        } else if (ours().some(([, e]) => e.state === 'pending')) {
            setTimeout(flush, 0);
        }
    }

    /// False when the line or the session stopped the queue; it is tried again later.
    function settle(result) {
        offline = !!result.offline;
        signedOut = !!result.signedOut;
        if (result.offline || result.signedOut) {
            return false;
        }

        retryDelay = 1000;
        sent = true;
        return true;
    }

    function answered(key, entry, field, { status, answer }) {
        const unit = field.closest('.quick-unit');
        if (status === 200) {
            unit.dataset.version = answer.version;
            unit.querySelector('.quick-unit-state').textContent = answer.state;
            field.dataset.saved = answer.value ?? '';
            field.dataset.explanationSaved = entry.explanation ?? '';
            flags(field, answer.flags);
            change(q => {
                const now = q.values[key];
                if (now && same(now.value, entry.value) && sameText(now.explanation, entry.explanation)) {
                    delete q.values[key];
                } else if (now) {
                    // Typed again while it was on its way: the next send builds on what the server now holds.
                    now.typedAgainstVersion = answer.version;
                    now.typedOver = answer.value ?? '';
                }
            });
        } else if (status === 409) {
            change(q => {
                if (q.values[key]) {
                    Object.assign(q.values[key], {
                        state: 'conflict', theirs: answer.theirs ?? '', theirsText: answer.theirsText,
                        theirExplanation: answer.theirExplanation ?? '', conflictVersion: answer.version,
                    });
                }
            });
            unit.dataset.version = answer.version;
        } else {
            change(q => {
                if (q.values[key]) {
                    Object.assign(q.values[key], { state: 'refused', message: answer.message ?? `HTTP ${status}` });
                }
            });
        }

        show(field);
    }

    function flags(field, texts) {
        const list = field.querySelector('.quick-flags');
        list.replaceChildren(...(texts ?? []).map(t => {
            const p = document.createElement('p');
            p.className = 'quick-flag';
            p.textContent = t;
            return p;
        }));
        const explanation = explanationInput(field);
        if (explanation) {
            explanation.hidden = (texts ?? []).length === 0 && explanation.value === '';
        }
    }

    function submitted(unit, { status, answer }) {
        const message = unit.querySelector('.quick-unit-message');
        if (status === 200) {
            unit.dataset.version = answer.version;
            unit.dataset.editable = 'false';
            unit.querySelector('.quick-unit-state').textContent = answer.state;
            message.textContent = answer.state;
            unit.querySelectorAll('input.quick-value, input.quick-explanation, button.quick-submit').forEach(i => { i.disabled = true; });
        } else {
            message.textContent = answer.message ?? `HTTP ${status}`;
        }
    }

    main.addEventListener('input', event => {
        const field = event.target.closest('.quick-field');
        if (field && event.target.matches('.quick-value, .quick-explanation')) {
            remember(field);
        }
    });

    // A value is sent when the worker leaves it (or presses Enter, which moves on as in a spreadsheet).
    main.addEventListener('change', event => {
        if (event.target.matches('.quick-value, .quick-explanation')) {
            flush();
        }
    });

    main.addEventListener('keydown', event => {
        if (event.key !== 'Enter' || !event.target.matches('input.quick-value, input.quick-explanation')) {
            return;
        }

        event.preventDefault();
        const inputs = Array.from(main.querySelectorAll('input.quick-value:not([disabled]), input.quick-explanation:not([hidden]):not([disabled])'));
        const next = inputs[inputs.indexOf(event.target) + 1];
        flush();
        if (next) {
            next.closest('details').open = true;
            next.focus();
            next.select();
        }
    });

    main.addEventListener('click', event => {
        const target = event.target;
        if (target.matches('button.quick-submit')) {
            const unit = target.closest('.quick-unit');
            change(q => { q.submits[`${unit.dataset.unit}|${month}`] = { unit: unit.dataset.unit, month }; });
            unit.querySelector('.quick-unit-message').textContent = text.submitQueued;
            render();
            flush();
        } else if (target.matches('button.quick-choice')) {
            const field = target.closest('.quick-field');
            const key = keyOf(field.closest('.quick-unit').dataset.unit, field.dataset.indicator);
            if (target.dataset.action === 'keep-mine') {
                change(q => {
                    const e = q.values[key];
                    Object.assign(e, { state: 'pending', typedAgainstVersion: e.conflictVersion, typedOver: e.theirs });
                });
                show(field);
                flush();
            } else {
                const e = queue.values[key];
                valueInput(field).value = e.theirs;
                field.dataset.saved = e.theirs;
                if (explanationInput(field)) {
                    explanationInput(field).value = e.theirExplanation ?? '';
                }

                change(q => delete q.values[key]);
                show(field);
                render();
            }
        }
    });

    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && flush());
    window.addEventListener('storage', event => {
        if (event.key === storageKey) {
            queue = load();
        }
    });

    // What this account kept for this month goes back into its fields; a refusal is tried once more, as the report
    // may have changed since (returned for correction, say). A value the server already has leaves the store.
    change(q => {
        for (const [key, entry] of Object.entries(q.values)) {
            const field = entry.month === month ? fieldOf(entry.unit, entry.indicator) : null;
            if (!field) {
                continue;
            }

            if (entry.state !== 'conflict' && same(entry.value, field.dataset.saved) && sameText(entry.explanation, field.dataset.explanationSaved)) {
                delete q.values[key];
                continue;
            }

            if (valueInput(field)) {
                valueInput(field).value = entry.value;
            }

            if (explanationInput(field) && entry.explanation !== null) {
                explanationInput(field).value = entry.explanation;
                explanationInput(field).hidden = false;
            }

            if (entry.state === 'refused') {
                entry.state = 'pending';
            }
        }
    });
    main.querySelectorAll('.quick-field').forEach(show);
    render();
    main.dataset.ready = 'true';
    flush();
})();
