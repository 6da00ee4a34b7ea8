using System.Diagnostics;
using System.Text;

namespace BatchExporter.Testing;

/// <summary>
/// A process a test starts and leaves running (a server): its standard output and error kept, the whole process
/// tree killed on dispose whatever happened.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxTailLines = 200;

    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Queue<string> _tail = new();

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput { get { lock (_tail) { return _stdout.ToString(); } } }

    public string StandardError { get { lock (_tail) { return _stderr.ToString(); } } }

    /// <summary>Gets the last lines the process wrote (stdout and stderr as they came), prefixed with its name, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_tail)
            {
                var text = new StringBuilder();
                foreach (var line in _tail)
                {
                    text.Append('[').Append(_name).Append("] ").AppendLine(line);
                }

                return text.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="args"/>; an environment value of null removes that variable.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return Start(name, start);
    }

    /// <summary>Starts the process <paramref name="start"/> describes, its output redirected and kept.</summary>
    public static ChildProcess Start(string name, ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Keep(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(child._stderr, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {start.FileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit by itself (fails after <paramref name="timeout"/>), its output read to the end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as Kubernetes and docker stop do.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not killable within 10 s: nothing more a test can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            stream.AppendLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > MaxTailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
