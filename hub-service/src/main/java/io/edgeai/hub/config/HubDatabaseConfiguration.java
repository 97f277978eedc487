package io.edgeai.hub.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's own database: one H2 file under {@code edge.hub.data-dir}, schema by Flyway ({@code db/hub}).
 * {@code WRITE_DELAY=0}: a commit is in the file before the call returns, so an acknowledged aggregate survives a
 * killed hub (as in data-shard).
 */
@Configuration(proxyBeanMethods = false)
public class HubDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource hubDataSource(HubProperties properties) throws IOException {
        Files.createDirectories(properties.dataDir());
        HikariConfig config = new HikariConfig();
        config.setPoolName("hub");
        config.setMaximumPoolSize(4);
        config.setJdbcUrl("jdbc:h2:file:" + properties.dataDir().toAbsolutePath().resolve("hub").toString()
                .replace('\\', '/') + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/hub").load().migrate();
        return dataSource;
    }

    @Bean
    JdbcTemplate hubJdbc(DataSource hubDataSource) {
        return new JdbcTemplate(hubDataSource);
    }

    @Bean
    TransactionTemplate hubTransactions(DataSource hubDataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(hubDataSource));
    }
}
