package io.vodkit.spring;

import io.vodkit.VideoPipeline;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link VideoPipeline} bean from {@link VodkitProperties} ({@code vodkit.*}),
 * unless the application defines its own. Runs after the DataSource auto-configuration so
 * {@code vodkit.store.type=postgres} can reuse the application's DataSource.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(VodkitProperties.class)
@ConditionalOnMissingBean(VideoPipeline.class)
public class VodkitAutoConfiguration {

  /** Public for Spring; applications never create it. */
  public VodkitAutoConfiguration() {}

  /**
   * The storage and store the pipeline runs on. Not closed by Spring ({@code destroyMethod=""}):
   * the pipeline owns and closes them.
   */
  @Bean(destroyMethod = "")
  public VodkitParts vodkitParts(VodkitProperties properties, ObjectProvider<DataSource> dataSources) {
    DataSource dataSource =
        properties.getStore().getType() == VodkitProperties.StoreType.POSTGRES ? dataSources.getIfUnique() : null;
    return VodkitParts.open(properties, dataSource);
  }

  /** The pipeline; its workers start now and stop, with every part closed, when the context closes. */
  @Bean(destroyMethod = "close")
  public VideoPipeline videoPipeline(VodkitProperties properties, VodkitParts parts) {
    try {
      return parts.builder(properties).build();
    } catch (RuntimeException e) {
      parts.closeUnowned(e);
      throw e;
    }
  }
}
