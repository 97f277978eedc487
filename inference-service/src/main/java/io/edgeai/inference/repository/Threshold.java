package io.edgeai.inference.repository;

/**
 * Default decision thresholds of one output label: postprocessing raises at {@code high} and clears below
 * {@code low} (hysteresis).
 */
public record Threshold(double high, double low) {
}
