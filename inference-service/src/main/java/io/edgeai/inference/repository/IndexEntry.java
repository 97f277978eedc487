package io.edgeai.inference.repository;

/**
 * One row of the repository index, as in Triton's repository extension.
 *
 * @param name    model name
 * @param version version number as a string
 * @param state   {@code READY} or {@code UNAVAILABLE}
 * @param reason  why it is not ready (empty when ready)
 */
public record IndexEntry(String name, String version, String state, String reason) {
}
