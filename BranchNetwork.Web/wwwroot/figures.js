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
