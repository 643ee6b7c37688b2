using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on a loopback port in front of the portal, standing for a village's 4G line: <see cref="Cut"/> drops every
/// open connection and refuses new ones (nothing listens), <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private TcpListener? listener;

    private LoopbackProxy(IPEndPoint target, int port)
    {
        this.target = target;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <param name="portal">The portal's own address, e.g. <c>http://127.0.0.1:5123</c>.</param>
    public static LoopbackProxy Start(string portal)
    {
        var uri = new Uri(portal);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var proxy = new LoopbackProxy(new IPEndPoint(IPAddress.Loopback, uri.Port), port);
        proxy.Restore();
        return proxy;
    }

    public void Cut()
    {
        listener?.Stop();
        listener = null;
        foreach (var socket in open.Keys)
        {
            Close(socket);
        }
    }

    public void Restore()
    {
        var next = new TcpListener(IPAddress.Loopback, Port);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        listener = next;
        _ = AcceptAsync(next);
    }

    private async Task AcceptAsync(TcpListener accepting)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await accepting.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open[client] = 0;
        open[server] = 0;
        try
        {
            await server.ConnectAsync(target);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Close(Socket socket)
    {
        if (open.TryRemove(socket, out _))
        {
            try
            {
                // A reset, as a dropped radio link looks to both ends, not a polite close.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
