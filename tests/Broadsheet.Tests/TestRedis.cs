using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Broadsheet.Tests;

// A redis-server of the test's own on 127.0.0.1 (a free port, a temp folder, nothing saved to
// disk), so that a test can stop it under running nodes and start it again on the same port.
public sealed class TestRedis : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("broadsheet-redis-").FullName;
    private Process? _server;

    private TestRedis(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        var redis = new TestRedis(FreePorts.Next());
        await redis.RestartAsync();
        return redis;
    }

    // Starts the server (again) on the same port, and returns once it answers PING.
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--dir", _directory])
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            _server = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("These tests need redis-server on PATH (Debian package redis-server; ./test.sh installs it).", e);
        }
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        await Until.TrueAsync(AnswersAsync);
    }

    // Kills the server, as a crash or a lost network would: clients see their connections drop.
    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        _server?.Dispose();
        _server = null;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
            var answer = new byte[7];
            var read = await stream.ReadAsync(answer, TestContext.Current.CancellationToken);
            return Encoding.ASCII.GetString(answer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }


    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temp cleanup.
        }
    }
}
