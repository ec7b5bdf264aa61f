package io.vodkit.spring;

import io.vodkit.ErrorCode;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.spi.WebhookStore;
import io.vodkit.webhooks.EgressPolicy;
import io.vodkit.webhooks.Webhooks;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provides a running {@link Webhooks} (the dispatcher thread started; stopped when the context
 * closes, before the pipeline and its store) on the {@link VideoPipeline} bean's store and base
 * URLs, when vodkit-webhooks is on the class path and {@code vodkit.webhooks.enabled} is not
 * {@code false}. Applications inject it to register endpoints ({@link Webhooks#register}).
 */
@AutoConfiguration(after = VodkitAutoConfiguration.class)
@ConditionalOnClass(Webhooks.class)
@ConditionalOnBean(VideoPipeline.class)
@ConditionalOnProperty(prefix = "vodkit.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(VodkitProperties.class)
public class VodkitWebhooksAutoConfiguration {

  /** Public for Spring; applications never create it. */
  public VodkitWebhooksAutoConfiguration() {}

  /**
   * The webhooks of the pipeline's store, with the {@code vodkit.webhooks.*} egress policy and
   * poll interval. A store that keeps no webhooks, a bad CIDR or a non-positive poll interval is a
   * {@code CONFIGURATION} error naming the property.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Webhooks vodkitWebhooks(VodkitProperties properties, VideoPipeline pipeline) {
    VodkitProperties.WebhookSettings settings = properties.getWebhooks();
    if (!(pipeline.store() instanceof WebhookStore store)) {
      throw VodkitParts.setting("vodkit.webhooks.enabled", "the pipeline's store ("
          + pipeline.store().getClass().getName() + ") keeps no webhooks: set vodkit.webhooks.enabled=false"
          + " or give the pipeline a store that implements WebhookStore");
    }
    Webhooks.Builder b = Webhooks.builder()
        .webhookStore(store)
        .metadataStore(pipeline.store())
        .baseUrls(pipeline.baseUrls())
        .egressPolicy(egressPolicy(settings));
    Duration poll = settings.getPollInterval();
    if (poll != null) {
      if (poll.isZero() || poll.isNegative()) {
        throw VodkitParts.setting("vodkit.webhooks.poll-interval",
            "vodkit.webhooks.poll-interval must be positive, was " + poll);
      }
      b.pollInterval(poll);
    }
    return b.start();
  }

  /** Public internet only, plus loopback and the listed ranges when configured. */
  private static EgressPolicy egressPolicy(VodkitProperties.WebhookSettings settings) {
    EgressPolicy policy = EgressPolicy.publicInternetOnly();
    if (settings.isAllowLoopback()) {
      policy = policy.allowLoopback();
    }
    for (String cidr : settings.getAllowedCidrs()) {
      try {
        policy = policy.allow(cidr == null ? "" : cidr.strip());
      } catch (VodkitException e) {
        if (e.code() != ErrorCode.INVALID_REQUEST) {
          throw e;
        }
        throw VodkitParts.setting("vodkit.webhooks.allowed-cidrs",
            "vodkit.webhooks.allowed-cidrs: " + e.getMessage() + " (write address/prefix, e.g. 10.20.0.0/16)");
      }
    }
    return policy;
  }
}
