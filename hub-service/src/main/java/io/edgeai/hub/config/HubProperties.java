package io.edgeai.hub.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's settings ({@code edge.hub.*}).
 *
 * @param dataDir        where the hub keeps its H2 file ({@code hub.mv.db}) and the weights of every model version
 * @param adminKeySha256 hex SHA-256 of each key that may manage sites, read the fleet and run federated rounds
 *                       ({@code EDGE_HUB_ADMIN_KEY_SHA256}, comma-separated); none: no admin call is accepted
 * @param clockSkew      how far ahead of the hub's clock a site's clock may be before its day counts as the future
 * @param maxModelSize   largest model package accepted
 */
@Validated
@ConfigurationProperties("edge.hub")
public record HubProperties(@NotNull @DefaultValue("var/hub") Path dataDir,
                            @DefaultValue("") List<String> adminKeySha256,
                            @NotNull @DefaultValue("1h") Duration clockSkew,
                            @NotNull @DefaultValue("16MB") DataSize maxModelSize) {

    public HubProperties {
        adminKeySha256 = adminKeySha256 == null ? List.of()
                : adminKeySha256.stream().map(String::trim).map(String::toLowerCase).filter(s -> !s.isEmpty()).toList();
    }
}
