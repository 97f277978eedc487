package io.edgeai.datashard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Local storage of the site's data, spread over virtual shards by device. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DataShardApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataShardApplication.class, args);
    }
}
