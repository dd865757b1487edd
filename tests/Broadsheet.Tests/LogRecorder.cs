using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broadsheet.Tests;

// Keeps what a running app logs at Warning and above, so a test can assert that background work
// failed quietly, loudly, or not at all. Attach it to a started app: the logger factory hands it
// to every logger, those already created included.
public sealed class LogRecorder : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IReadOnlyList<Entry> Errors => [.. _entries.Where(e => e.Level >= LogLevel.Error)];

    public static LogRecorder AttachTo(BroadsheetApp app)
    {
        var recorder = new LogRecorder();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(recorder);
        return recorder;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
