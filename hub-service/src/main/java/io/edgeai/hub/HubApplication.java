package io.edgeai.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub of a fleet of sites: aggregates in, models in and out, federated rounds. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }
}
