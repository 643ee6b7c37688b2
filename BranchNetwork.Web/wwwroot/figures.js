// Enter in a figure moves to the next one, as in a spreadsheet (Tab works as usual).
document.addEventListener('keydown', event => {
    if (event.key !== 'Enter' || !event.target.classList || !event.target.classList.contains('figure-input')) {
        return;
    }

    event.preventDefault();
    const inputs = Array.from(document.querySelectorAll('input.figure-input'));
    const next = inputs[inputs.indexOf(event.target) + 1];
    event.target.dispatchEvent(new Event('change', { bubbles: true }));
    if (next) {
        next.focus();
        next.select();
    }
});

// The first field that blocks a submit: scrolled into view and focused, so the worker types straight into it.
window.branchNetworkFigures = {
    focus(unit, indicator, explanation) {
        const row = document.querySelector(`[data-unit="${CSS.escape(unit)}"] tr[data-indicator="${CSS.escape(indicator)}"]`);
        const field = row && row.querySelector(explanation ? 'input.figure-explanation' : 'input.figure-input');
        if (field) {
            field.scrollIntoView({ block: 'center' });
            field.focus();
        }
    },
};

// While the circuit is down (the line dropped, or the page was closed before a value reached the server), what is typed
// into the entry page is kept in localStorage under the signed-in user and the month, and put back and sent again once a
// circuit is live: after a reconnect, a reload or the next visit. An entry leaves the store when the server shows it saved.
(() => {
    const sheet = () => document.querySelector('[data-entry-user]');
    const storageKey = root => `branchnetwork.entry.${root.dataset.entryUser}`;
    const keyOf = (root, unit, indicator) => `${unit}|${root.dataset.entryMonth}|${indicator}`;
    const normalize = value => (value ?? '').normalize('NFKC').replace(/[,，\s]/g, '');
    const same = (a, b) => normalize(a) === normalize(b) || (normalize(a) !== '' && normalize(b) !== '' && Number(normalize(a)) === Number(normalize(b)));
    const load = root => {
        try {
            return JSON.parse(localStorage.getItem(storageKey(root))) ?? {};
        } catch {
            return {};
        }
    };
    const save = (root, kept) => {
        try {
            localStorage.setItem(storageKey(root), JSON.stringify(kept));
        } catch {
            // A full or refused store: the value is still in its field.
        }
    };
    const live = () => document.querySelector('.portal-root[data-interactive=true]')
        && !document.getElementById('components-reconnect-modal')?.open;
    const inputOf = (root, entry) => root.querySelector(
        `[data-unit="${CSS.escape(entry.unit)}"] tr[data-indicator="${CSS.escape(entry.indicator)}"] input.figure-input`);
    // Each live circuit of each page is a round; what was typed is sent again once in every later round until it is saved.
    const page = Math.random().toString(36).slice(2);
    let rounds = 0;
    const round = () => `${page}:${rounds}`;

    document.addEventListener('input', event => {
        const root = sheet();
        const input = event.target;
        if (!root || !input.classList?.contains('figure-input')) {
            return;
        }

        const unit = input.closest('[data-unit]').dataset.unit;
        const indicator = input.closest('tr[data-indicator]').dataset.indicator;
        const kept = load(root);
        kept[keyOf(root, unit, indicator)] = { unit, month: root.dataset.entryMonth, indicator, value: input.value, sentIn: round() };
        save(root, kept);
    });

    // Drops what the server now shows saved; sends again, once per live circuit, what it does not.
    function reconcile() {
        const root = sheet();
        if (!root) {
            return;
        }

        const kept = load(root);
        let changed = false;
        for (const [key, entry] of Object.entries(kept)) {
            const input = entry.month === root.dataset.entryMonth ? inputOf(root, entry) : null;
            if (!input) {
                continue;
            }

            if (same(input.dataset.saved, entry.value)) {
                delete kept[key];
                changed = true;
            } else if (live() && entry.sentIn !== round() && document.activeElement !== input) {
                entry.sentIn = round();
                changed = true;
                input.value = entry.value;
                input.dispatchEvent(new Event('change', { bubbles: true }));
            }
        }

        if (changed) {
            save(root, kept);
        }
    }

    // A new live circuit (the first interactive render, which replaces the prerendered page, or the reconnect dialog
    // closing) starts a new round of resends.
    // The resends wait a moment: render batches the server kept through the drop arrive first, and an event sent
    // before them can name a handler they replace. What is still unsaved a few seconds later is sent once more (the
    // page does not write a value it already holds).
    let wasLive = false;
    const nextRound = () => {
        rounds++;
        reconcile();
    };
    new MutationObserver(() => {
        const isLive = !!live();
        if (isLive && !wasLive) {
            setTimeout(nextRound, 800);
            setTimeout(() => live() && nextRound(), 4000);
        }

        wasLive = isLive;
        reconcile();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-saved', 'data-interactive', 'open'] });
})();
