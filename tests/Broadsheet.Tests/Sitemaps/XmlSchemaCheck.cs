using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Broadsheet.Tests.Sitemaps;

// xmllint (Debian's libxml2-utils, installed by test.sh) validating a document against the
// schemas committed beside this file, so validation never needs the network.
public static class XmlSchemaCheck
{
    public static async Task AssertValidAsync(byte[] xml, string schema, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"broadsheet-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, xml, TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo("xmllint", ["--noout", "--nonet", "--schema", Path.Combine(TestData(), schema), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var xmllint = Process.Start(start)!;
            var errors = xmllint.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await xmllint.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await xmllint.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(xmllint.ExitCode == 0, $"{name}: {await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string TestData([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "testdata");
}
