package io.vodkit.webhooks;

import io.vodkit.VodkitException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard for webhook URLs: which addresses vodkit may POST to. By default only the public
 * internet over {@code http}/{@code https}: it refuses loopback ({@code 127/8}, {@code ::1}),
 * private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), carrier-grade NAT ({@code
 * 100.64/10}), link-local ({@code 169.254/16} — cloud metadata at {@code 169.254.169.254} —,
 * {@code fe80::/10}), unique-local ({@code fc00::/7}), site-local ({@code fec0::/10}), multicast,
 * unspecified and reserved ranges ({@code 0/8}, {@code 192.0.0/24}, {@code 198.18/15}, {@code
 * 240/4}), and IPv6 addresses that embed one of those IPv4 addresses (IPv4-mapped {@code
 * ::ffff:0:0/96}, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}).
 *
 * <p>{@link #allow(String)} and {@link #allowLoopback()} open a range on purpose (tests, a
 * receiver on the private network). The policy is applied when an endpoint is registered
 * ({@link #check(URI)}) and again to every address a delivery connects to (vodkit's HTTP client
 * resolves names through {@link #allowedAddresses} and its sockets refuse a refused address at
 * connect time), so a name that later re-resolves to a private address (DNS rebinding) is still
 * refused. Immutable and thread-safe.
 */
public final class EgressPolicy {
  private static final List<Range> DENIED =
      List.of(
          Range.of("0.0.0.0/8", "an unspecified ('this network') address"),
          Range.of("127.0.0.0/8", "a loopback address"),
          Range.of("10.0.0.0/8", "a private address"),
          Range.of("172.16.0.0/12", "a private address"),
          Range.of("192.168.0.0/16", "a private address"),
          Range.of("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
          Range.of("169.254.0.0/16", "a link-local address (cloud metadata lives here)"),
          Range.of("192.0.0.0/24", "an IETF protocol address"),
          Range.of("198.18.0.0/15", "a benchmarking address"),
          Range.of("224.0.0.0/4", "a multicast address"),
          Range.of("240.0.0.0/4", "a reserved or broadcast address"),
          Range.of("::/128", "the unspecified address"),
          Range.of("::1/128", "a loopback address"),
          Range.of("fe80::/10", "a link-local address"),
          Range.of("fec0::/10", "a site-local address"),
          Range.of("fc00::/7", "a unique-local address"),
          Range.of("ff00::/8", "a multicast address"));

  private final List<Range> allowed;

  private EgressPolicy(List<Range> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** The default: public internet addresses only, over http or https. */
  public static EgressPolicy publicInternetOnly() {
    return new EgressPolicy(List.of());
  }

  /** A copy that also allows loopback ({@code 127.0.0.0/8}, {@code ::1}): tests, local receivers. */
  public EgressPolicy allowLoopback() {
    return allow("127.0.0.0/8").allow("::1/128");
  }

  /**
   * A copy that also allows the addresses in {@code cidr} (e.g. {@code 10.20.0.0/16}, {@code
   * fd00::/8}); INVALID_REQUEST if it is not a CIDR block.
   */
  public EgressPolicy allow(String cidr) {
    List<Range> more = new ArrayList<>(allowed);
    more.add(Range.of(cidr, "allowed by configuration"));
    return new EgressPolicy(more);
  }

  /**
   * Checks a webhook URL: {@code http} or {@code https} with a host, and every address the host
   * resolves to allowed. INVALID_REQUEST (field {@code url}) naming the reason otherwise.
   */
  public void check(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw VodkitException.invalid(
          "url", "webhook url must be http or https, not '" + scheme + "': " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw VodkitException.invalid("url", "webhook url has no host: " + url);
    }
    try {
      allowedAddresses(url.getHost());
    } catch (EgressRefusedException e) {
      throw VodkitException.invalid("url", "webhook url " + url + " refused: " + e.getMessage());
    } catch (UnknownHostException e) {
      throw VodkitException.invalid("url", "webhook url host does not resolve: " + url.getHost());
    }
  }

  /**
   * Resolves {@code host} (a name or an IP literal, IPv6 with or without brackets) and returns
   * the addresses this policy allows, in resolver order.
   *
   * @throws EgressRefusedException if it resolves only to refused addresses (the message names
   *     them and why)
   * @throws UnknownHostException if it does not resolve
   */
  public List<InetAddress> allowedAddresses(String host) throws UnknownHostException {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> result = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (InetAddress address : InetAddress.getAllByName(bare)) {
      Optional<String> refusal = refusal(address);
      if (refusal.isEmpty()) {
        result.add(address);
      } else {
        refusals.add(refusal.get());
      }
    }
    if (result.isEmpty()) {
      throw new EgressRefusedException(
          host + " resolves only to refused addresses: " + String.join("; ", refusals));
    }
    return List.copyOf(result);
  }

  /**
   * Why this policy refuses {@code address} (e.g. {@code "127.0.0.1 is a loopback address"}),
   * or empty when it may be contacted.
   */
  public Optional<String> refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range range : allowed) {
      if (range.contains(bytes)) {
        return Optional.empty();
      }
    }
    for (Range range : DENIED) {
      if (range.contains(bytes)) {
        return Optional.of(address.getHostAddress() + " is " + range.reason);
      }
    }
    byte[] embedded = embeddedIpv4(bytes);
    if (embedded != null) {
      try {
        return refusal(InetAddress.getByAddress(embedded))
            .map(r -> address.getHostAddress() + " embeds " + r);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("4 bytes are always an IPv4 address", e);
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
  private static byte[] embeddedIpv4(byte[] ip) {
    if (ip.length != 16) {
      return null;
    }
    boolean zeroTo10 = allZero(ip, 0, 10);
    if ((zeroTo10 && ip[10] == (byte) 0xff && ip[11] == (byte) 0xff) // ::ffff:a.b.c.d
        || (zeroTo10 && ip[10] == 0 && ip[11] == 0) // ::a.b.c.d (deprecated compatible form)
        || (ip[0] == 0 && ip[1] == 0x64 && ip[2] == (byte) 0xff && ip[3] == (byte) 0x9b
            && allZero(ip, 4, 12))) { // 64:ff9b::a.b.c.d (NAT64)
      return Arrays.copyOfRange(ip, 12, 16);
    }
    if (ip[0] == 0x20 && ip[1] == 0x02) { // 2002:aabb:ccdd::/48 (6to4)
      return Arrays.copyOfRange(ip, 2, 6);
    }
    return null;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** A host refused by the policy (it resolved, but only to refused addresses). */
  public static final class EgressRefusedException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    EgressRefusedException(String message) {
      super(message);
    }
  }

  /** One CIDR block and why it is listed. */
  private static final class Range {
    private final byte[] network;
    private final int prefix;
    private final String reason;

    private Range(byte[] network, int prefix, String reason) {
      this.network = network;
      this.prefix = prefix;
      this.reason = reason;
    }

    static Range of(String cidr, String reason) {
      int slash = cidr == null ? -1 : cidr.indexOf('/');
      if (slash < 0) {
        throw VodkitException.invalid("cidr", "not a CIDR block (address/prefix): " + cidr);
      }
      String address = cidr.substring(0, slash);
      if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw VodkitException.invalid("cidr", "not an IP address in " + cidr); // never a DNS lookup
      }
      try {
        byte[] network = InetAddress.getByName(address).getAddress();
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 0 || prefix > network.length * 8) {
          throw VodkitException.invalid("cidr", "prefix out of range in " + cidr);
        }
        return new Range(network, prefix, reason);
      } catch (UnknownHostException | NumberFormatException e) {
        throw VodkitException.invalid("cidr", "not a CIDR block (address/prefix): " + cidr);
      }
    }

    boolean contains(byte[] ip) {
      if (ip.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (ip[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (ip[full] & mask) == (network[full] & mask);
    }
  }
}
