package io.edgeai.preprocessing.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** Spells a Jackson reference path the way our problem+json names fields: {@code readings[3].timestamp}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
