package io.vodkit.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * The {@link EgressPolicy} at connect time, for the delivery client: a {@link Dns} that drops
 * refused addresses from every lookup, and a {@link SocketFactory} whose sockets refuse to connect
 * to a refused address (this also covers IP-literal URLs, which OkHttp does not resolve through
 * its {@code Dns}). Together they stop DNS rebinding: whatever a name resolves to at delivery
 * time is checked again.
 */
final class GuardedConnections {
  private GuardedConnections() {}

  /** Resolves through the policy: only allowed addresses, or an {@link UnknownHostException}. */
  static Dns dns(EgressPolicy policy) {
    return new Dns() {
      @Override
      public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        return policy.allowedAddresses(hostname);
      }
    };
  }

  /** Plain sockets that check every address they connect to against the policy. */
  static SocketFactory sockets(EgressPolicy policy) {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new GuardedSocket(policy);
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
          throws IOException {
        return connected(new InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(
          InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        return connected(new InetSocketAddress(address, port));
      }

      private Socket connected(InetSocketAddress target) throws IOException {
        Socket socket = new GuardedSocket(policy);
        socket.connect(target);
        return socket;
      }
    };
  }

  /** A socket that refuses to connect where the policy says no. */
  private static final class GuardedSocket extends Socket {
    private final EgressPolicy policy;

    GuardedSocket(EgressPolicy policy) {
      this.policy = policy;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress target) {
        InetAddress address = target.getAddress();
        if (address == null) {
          throw new UnknownHostException(target.getHostString());
        }
        Optional<String> refusal = policy.refusal(address);
        if (refusal.isPresent()) {
          close();
          throw new SocketException("refused by the egress policy: " + refusal.get());
        }
      }
      super.connect(endpoint, timeout);
    }
  }
}
