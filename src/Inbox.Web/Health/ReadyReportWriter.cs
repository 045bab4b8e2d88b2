using System.Text;
using Inbox.Connectors;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Health;

/// <summary>
/// The body of <c>/health/ready</c>, plain text: the overall status on the first line (just <c>Healthy</c> when all is
/// well), then, for each check that is not healthy or that lists dead letters, its name, status and description, and the
/// items a connector skipped (<c>deadLetters</c>, e.g. IMAP mail the server would not hand over), one per line.
/// </summary>
public static class ReadyReportWriter
{
    public static string Format(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var deadLetters = entry.Data.TryGetValue(ConnectorHealth.DeadLettersDataKey, out var listed) && listed is IEnumerable<string> items ? items.ToList() : [];
            if (entry.Status == HealthStatus.Healthy && deadLetters.Count == 0)
            {
                continue;
            }

            text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(" — ").Append(entry.Description ?? entry.Exception?.GetType().Name ?? "");
            foreach (var item in deadLetters)
            {
                text.Append("\n  dead letter: ").Append(item);
            }
        }

        return text.ToString();
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Format(report), context.RequestAborted);
    }
}
