package io.edgeai.datashard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Local storage of the site's data, spread over virtual shards by device. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DataShardApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataShardApplication.class, args);
    }
}
