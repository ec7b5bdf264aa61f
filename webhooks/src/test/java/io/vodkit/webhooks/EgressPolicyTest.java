package io.vodkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard's address and URL rules (no network: only IP literals and localhost). */
class EgressPolicyTest {
  private final EgressPolicy policy = EgressPolicy.publicInternetOnly();

  @ParameterizedTest
  @CsvSource({
    "http://127.0.0.1/hook, loopback",
    "http://127.9.9.9:8080/hook, loopback",
    "http://169.254.169.254/latest/meta-data/, link-local",
    "http://10.1.2.3/hook, private",
    "http://172.16.0.1/hook, private",
    "http://172.31.255.255/hook, private",
    "http://192.168.1.1/hook, private",
    "http://100.64.0.1/hook, carrier-grade NAT",
    "http://0.0.0.0/hook, unspecified",
    "http://224.0.0.1/hook, multicast",
    "http://255.255.255.255/hook, broadcast",
    "'http://[::1]/hook', loopback",
    "'http://[::]/hook', unspecified",
    "'http://[fe80::1]/hook', link-local",
    "'http://[fc00::1]/hook', unique-local",
    "'http://[fd12:3456::1]/hook', unique-local",
    "'http://[ff02::1]/hook', multicast",
    "'http://[::ffff:169.254.169.254]/hook', link-local",
    "'http://[64:ff9b::a01:203]/hook', private",
    "'http://[2002:7f00:1::1]/hook', loopback",
    "http://localhost:8080/hook, loopback",
  })
  void refusesNonPublicAddressesNamingTheReason(String url, String reason) {
    assertThatThrownBy(() -> policy.check(URI.create(url)))
        .isInstanceOfSatisfying(
            VodkitException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
              assertThat(e.field()).isEqualTo("url");
              assertThat(e.getMessage()).contains(reason);
            });
  }

  @ParameterizedTest
  @CsvSource({"ftp://93.184.216.34/hook", "file:///etc/passwd", "gopher://93.184.216.34/", "//93.184.216.34/x"})
  void refusesSchemesOtherThanHttpAndHttps(String url) {
    assertThatThrownBy(() -> policy.check(URI.create(url)))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.getMessage()).contains("http or https"));
  }

  @Test
  void allowsPublicAddresses() throws Exception {
    assertThatCode(() -> policy.check(URI.create("https://93.184.216.34/hook"))).doesNotThrowAnyException();
    assertThatCode(() -> policy.check(URI.create("http://[2606:2800:220:1:248:1893:25c8:1946]/")))
        .doesNotThrowAnyException();
    assertThat(policy.refusal(InetAddress.getByName("8.8.8.8"))).isEmpty();
    assertThat(policy.refusal(InetAddress.getByName("172.32.0.1"))).isEmpty(); // just past 172.16/12
  }

  @Test
  void loopbackAndConfiguredRangesCanBeAllowedOnPurpose() throws Exception {
    EgressPolicy local = policy.allowLoopback();
    assertThatCode(() -> local.check(URI.create("http://127.0.0.1:9/hook"))).doesNotThrowAnyException();
    assertThatCode(() -> local.check(URI.create("http://[::1]:9/hook"))).doesNotThrowAnyException();
    assertThatCode(() -> local.check(URI.create("http://localhost:9/hook"))).doesNotThrowAnyException();
    assertThat(local.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();

    EgressPolicy lan = policy.allow("10.20.0.0/16");
    assertThat(lan.refusal(InetAddress.getByName("10.20.3.4"))).isEmpty();
    assertThat(lan.refusal(InetAddress.getByName("10.21.3.4"))).isPresent();
    assertThat(policy.refusal(InetAddress.getByName("10.20.3.4"))).isPresent(); // copies, not changed
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0", "10.0.0.0/33", "example.com/8", "10.0.0.0/x"})
  void aMalformedCidrIsInvalid(String cidr) {
    assertThatThrownBy(() -> policy.allow(cidr))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }
}
