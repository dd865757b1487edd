using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broadsheet.Operations;

// The body of /readyz: the overall status ("Healthy" alone when all is well), then one line for
// each check that is not healthy, so an operator reading the probe sees what is wrong.
internal static class ReadinessAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(". ").Append(entry.Description ?? "It does not answer.");
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
