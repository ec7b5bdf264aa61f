package io.vodkit.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link VodkitHealthIndicator} (as the {@code vodkit} health contributor) when Spring
 * Boot's health support is on the class path and the starter built the pipeline.
 */
@AutoConfiguration(after = VodkitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(VodkitParts.class)
public class VodkitHealthAutoConfiguration {

  /** Public for Spring; applications never create it. */
  public VodkitHealthAutoConfiguration() {}

  /** Store, storage, ffmpeg and queue depth of the starter's pipeline. */
  @Bean(name = "vodkitHealthIndicator")
  @ConditionalOnMissingBean(name = "vodkitHealthIndicator")
  public VodkitHealthIndicator vodkitHealthIndicator(VodkitParts parts) {
    return new VodkitHealthIndicator(parts.store(), parts.storage(), VodkitParts.FFMPEG);
  }
}
