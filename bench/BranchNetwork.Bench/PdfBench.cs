using System.Diagnostics;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Reports;
using Microsoft.Playwright;

namespace BranchNetwork.Bench;

/// <summary>
/// Design §11: a report through PdfRenderer in-process against headless Chromium printing the same table to PDF,
/// side by side, both warm; then the sign-in sheet and the same documents as .docx (DocxRenderer), in-process only. Chromium is launched once (Debian's, via Playwright's ExecutablePath, never a download);
/// each run opens a page, sets the HTML, prints it and closes the page.
/// </summary>
internal static partial class PdfBench
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Tiered JIT (with dynamic PGO) settles the renderer only after many calls: here the monthly table's fastest
    // render was 20 ms after 30 warm-up renders and 13 ms after 160, so the clock starts after 100.
    private const int PdfSharpWarmUp = 100;
    private const int PdfSharpRuns = 50;
    private const int ChromiumWarmUp = 3;
    private const int ChromiumRuns = 10;

    private sealed record Run(List<double> Times, byte[] Output, double AllocatedBytes = 0, long PeakRss = 0, long PeakPss = 0, int Processes = 0);

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync()
    {
        var rows = new List<(string, string, string)>();
        if (ReportFonts.Register(null) is null)
        {
            rows.Add(("PDF: PDFsharp against Chromium", $"skipped: no CJK font (apt-get install {ReportFonts.DebianPackage})", ""));
            return rows;
        }

        var output = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "pdf-output")).FullName;
        var renderer = new PdfRenderer(TimeProvider.System);
        var documents = new[]
        {
            (Name: "network-monthly", Label: "network monthly table (52 units, totals, bar chart)", Document: BenchReports.NetworkMonthly(), Target: "≤ 50 ms"),
            (Name: "network-year", Label: "network year table (636 rows, totals, bar chart)", Document: BenchReports.NetworkYear(), Target: ""),
        };

        var loadBefore = Read("/proc/loadavg")?.Split(' ')[0];
        // PDFsharp first, before Chromium starts: the browser's start-up would take CPU from the renders on 2 cores.
        var pdfsharp = documents.Select(d => PdfSharp(renderer, d.Document)).ToList();
        var chromium = File.Exists(ChromiumPath) ? await ChromiumAsync(documents.Select(d => d.Document)) : null;
        for (var d = 0; d < documents.Length; d++)
        {
            var (name, label, _, target) = documents[d];
            File.WriteAllBytes(Path.Combine(output, $"{name}-pdfsharp.pdf"), pdfsharp[d].Output);
            rows.Add(($"{label}: PDFsharp in-process ({Describe(pdfsharp[d].Output)}), warm, median / p95 of {PdfSharpRuns}", Times(pdfsharp[d]), target));
            rows.Add(($"{label}: PDFsharp allocated per render, median of {PdfSharpRuns}", $"{pdfsharp[d].AllocatedBytes / 1024 / 1024:N1} MB", ""));
            if (chromium?[d] is not { } print)
            {
                rows.Add(($"{label}: headless Chromium print-to-PDF", $"skipped: chromium not installed ({ChromiumPath})", "≥ 20× slower"));
                continue;
            }

            File.WriteAllBytes(Path.Combine(output, $"{name}-chromium.pdf"), print.Output);
            rows.Add(($"{label}: headless Chromium print-to-PDF ({Describe(print.Output)}), warm, median / p95 of {ChromiumRuns}", Times(print), ""));
            rows.Add(($"{label}: Chromium ÷ PDFsharp, medians", $"{Median(print.Times) / Median(pdfsharp[d].Times):N1}×", "≥ 20×"));
            rows.Add(($"{label}: Chromium process tree ({print.Processes} processes), peak RSS / PSS sampled after each print",
                $"{print.PeakRss / 1024 / 1024:N0} / {print.PeakPss / 1024 / 1024:N0} MB", ""));
        }

        // The sign-in sheet (ruled rows of 10 mm) and the Word renderer, in-process only: Chromium has no part in them.
        var sheet = BenchReports.SignInSheet();
        var signIn = Warm(() => renderer.Render(sheet));
        File.WriteAllBytes(Path.Combine(output, "training-signin-pdfsharp.pdf"), signIn.Output);
        rows.Add(($"training sign-in sheet (53 ruled rows of 10 mm): PDFsharp in-process ({Describe(signIn.Output)}), warm, median / p95 of {PdfSharpRuns}",
            Times(signIn), ""));
        var docx = new DocxRenderer(TimeProvider.System);
        for (var d = 0; d < documents.Length; d++)
        {
            var (name, label, document, _) = documents[d];
            var word = Warm(() => docx.Render(document));
            File.WriteAllBytes(Path.Combine(output, $"{name}.docx"), word.Output);
            rows.Add(($"{label}: .docx by DocxRenderer in-process ({word.Output.Length / 1024:N0} KB), warm, median / p95 of {PdfSharpRuns}", Times(word), ""));
            rows.Add(($"{label}: DocxRenderer allocated per render, median of {PdfSharpRuns}", $"{word.AllocatedBytes / 1024 / 1024:N1} MB", ""));
        }

        // The machine is shared: the load says how much the figures above were competing for the 2 cores.
        rows.Add(("PDF section: load average (1 min) of the machine at start / end", $"{loadBefore} / {Read("/proc/loadavg")?.Split(' ')[0]}", ""));
        Console.WriteLine($"PDFs of the last runs kept for review in {output}");
        return rows;
    }

    private static Run PdfSharp(PdfRenderer renderer, ReportDocument document) => Warm(() => renderer.Render(document));

    /// <summary>An in-process render timed warm: <see cref="PdfSharpWarmUp"/> renders first, then <see cref="PdfSharpRuns"/> timed.</summary>
    private static Run Warm(Func<byte[]> render)
    {
        for (var i = 0; i < PdfSharpWarmUp; i++)
        {
            render();
        }

        var times = new List<double>(PdfSharpRuns);
        var allocated = new List<double>(PdfSharpRuns);
        byte[] pdf = [];
        for (var i = 0; i < PdfSharpRuns; i++)
        {
            // Render runs on this thread from start to end, so the thread's allocation counter is the render's.
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            pdf = render();
            clock.Stop();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Run(times, pdf, AllocatedBytes: Median(allocated));
    }

    /// <summary>One browser for all the documents, launched as the browser tests launch it.</summary>
    private static async Task<List<Run>> ChromiumAsync(IEnumerable<ReportDocument> documents)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no internet: keep Chromium from reaching for it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var runs = new List<Run>();
        foreach (var document in documents)
        {
            runs.Add(await PrintAsync(browser, document));
        }

        return runs;
    }

    private static async Task<Run> PrintAsync(IBrowser browser, ReportDocument document)
    {
        var html = ReportHtml.Page(document);
        var options = new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = ReportHtml.HeaderTemplate(document),
            FooterTemplate = ReportHtml.FooterTemplate(document),
            Margin = new Margin { Top = ReportHtml.MarginTop, Bottom = ReportHtml.MarginBottom, Left = ReportHtml.MarginSide, Right = ReportHtml.MarginSide },
        };

        var times = new List<double>(ChromiumRuns);
        var (peakRss, peakPss, processes) = (0L, 0L, 0);
        byte[] pdf = [];
        for (var i = 0; i < ChromiumWarmUp + ChromiumRuns; i++)
        {
            var clock = Stopwatch.StartNew();
            var page = await browser.NewPageAsync();
            await page.SetContentAsync(html);
            pdf = await page.PdfAsync(options);
            clock.Stop();

            // Sampled while the page is still open (its renderer process alive), outside the clock.
            var (rss, pss, count) = ChromiumTree();
            (peakRss, peakPss, processes) = (Math.Max(peakRss, rss), Math.Max(peakPss, pss), Math.Max(processes, count));

            clock.Start();
            await page.CloseAsync();
            clock.Stop();
            if (i >= ChromiumWarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new Run(times, pdf, PeakRss: peakRss, PeakPss: peakPss, Processes: processes);
    }

    /// <summary>
    /// Memory of the Chromium processes below this one (Playwright's driver starts the browser): summed RSS, which
    /// counts pages shared between the processes once per process, and summed PSS, which shares them out.
    /// </summary>
    private static (long Rss, long Pss, int Processes) ChromiumTree()
    {
        var processes = new Dictionary<int, (int Parent, string Name)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && Read($"{folder}/stat") is { } stat)
            {
                // "pid (name) state ppid …": the name may hold spaces and parentheses, so split after the last ')'.
                var close = stat.LastIndexOf(')');
                var parent = int.Parse(stat[(close + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                processes[pid] = (parent, stat[(stat.IndexOf('(') + 1)..close]);
            }
        }

        var tree = new HashSet<int> { Environment.ProcessId };
        while (processes.Where(p => !tree.Contains(p.Key) && tree.Contains(p.Value.Parent)).Select(p => p.Key).ToList() is { Count: > 0 } children)
        {
            tree.UnionWith(children);
        }

        var chromium = tree.Where(pid => processes.TryGetValue(pid, out var p) && p.Name.Contains("chrom", StringComparison.Ordinal)).ToList();
        return (chromium.Sum(pid => Kilobytes(Read($"/proc/{pid}/status"), "VmRSS:")) * 1024,
            chromium.Sum(pid => Kilobytes(Read($"/proc/{pid}/smaps_rollup"), "Pss:")) * 1024, chromium.Count);
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended between listing and reading.
            return null;
        }
    }

    private static long Kilobytes(string? text, string field) =>
        text?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static string Describe(byte[] pdf) => $"{PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf))} pages, {pdf.Length / 1024:N0} KB";

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    private static string Times(Run run) => $"{Median(run.Times):N1} / {run.Times.Order().ElementAt((int)Math.Ceiling(0.95 * run.Times.Count) - 1):N1} ms";

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
