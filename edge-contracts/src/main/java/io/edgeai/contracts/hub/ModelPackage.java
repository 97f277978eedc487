package io.edgeai.contracts.hub;

import java.util.Map;

/**
 * A model version as it travels between a site and the hub: its model.json (with the evaluation report), its
 * weights in the suite's portable format ({@link ModelWeights}, base64) and their SHA-256, which every receiver
 * checks before anything is stored or loaded.
 *
 * @param model   the model name
 * @param config  the version's model.json (architecture, feature spec, labels, thresholds, evaluation)
 * @param weights base64 of {@link ModelWeights#encode()}
 * @param sha256  hex SHA-256 of the decoded weights bytes
 * @param rows    the training rows behind the weights (federated averaging weighs by it)
 * @param source  where the version comes from, e.g. {@code site-a ai4i-failure/2} or {@code hub 3}
 */
public record ModelPackage(String model, Map<String, Object> config, String weights, String sha256, long rows,
                           String source) {
}
