// Fetches a report PDF so the page can show progress and a readable error instead of a blank tab or a plain-text page.
window.branchNetworkReports = {
    async open(url, download) {
        let response;
        try {
            response = await fetch(download ? url + '?download=1' : url, { credentials: 'same-origin' });
        } catch (error) {
            return { status: 0, text: String(error) };
        }

        if (!response.ok) {
            return { status: response.status, text: await response.text() };
        }

        const href = URL.createObjectURL(await response.blob());
        if (download) {
            const link = document.createElement('a');
            link.href = href;
            // The server names the file (network-2026-10.pdf); the URL's last part alone would not say which report it is.
            // A name in Chinese (工作总结-2020.docx) comes as RFC 5987 filename*, beside an ASCII stand-in.
            const header = response.headers.get('Content-Disposition') || '';
            const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
            const plain = /filename="?([^";]+)"?/i.exec(header);
            link.download = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : 'report.pdf';
            document.body.appendChild(link);
            link.click();
            link.remove();
        } else if (!window.open(href, '_blank')) {
            // A popup blocker refused the tab: show the preview here instead.
            window.location.href = href;
        }

        setTimeout(() => URL.revokeObjectURL(href), 60000);
        return { status: 200, text: '' };
    }
};
