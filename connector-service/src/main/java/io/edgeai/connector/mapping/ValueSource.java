package io.edgeai.connector.mapping;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Where a value of a message is: a comma-separated list of places tried in order, the first present one wins.
 * {@code /json/pointer} is a field of the JSON payload (RFC 6901), {@code topic[i]} level i of the topic (0-based),
 * {@code 'text'} a constant.
 */
public final class ValueSource {

    private sealed interface Place permits Pointer, TopicLevel, Constant {
    }

    private record Pointer(String pointer) implements Place {
    }

    private record TopicLevel(int index) implements Place {
    }

    private record Constant(String value) implements Place {
    }

    private final String text;
    private final List<Place> places;

    private ValueSource(String text, List<Place> places) {
        this.text = text;
        this.places = places;
    }

    /** Parses a source; a malformed one is refused at start with the setting's name. */
    public static ValueSource parse(String setting, String text) {
        List<Place> places = new ArrayList<>();
        if (text != null) {
            for (String raw : text.split(",")) {
                String part = raw.trim();
                if (part.isEmpty()) {
                    continue;
                }
                if (part.startsWith("/")) {
                    places.add(new Pointer(part));
                } else if (part.matches("topic\\[\\d{1,3}]")) {
                    places.add(new TopicLevel(Integer.parseInt(part.substring(6, part.length() - 1))));
                } else if (part.length() >= 2 && part.startsWith("'") && part.endsWith("'")) {
                    places.add(new Constant(part.substring(1, part.length() - 1)));
                } else {
                    throw new IllegalArgumentException(setting + ": '" + part + "' is neither a JSON pointer (/a/b), "
                            + "a topic level (topic[2]) nor a quoted constant ('M')");
                }
            }
        }
        return new ValueSource(text, List.copyOf(places));
    }

    /** The value as text (a JSON number or string), or null when no place has it. */
    public String text(String[] topicLevels, JsonNode payload) {
        JsonNode node = node(topicLevels, payload);
        if (node == null) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    /** The value at the first place that has one (a topic level or constant as a string node), or null. */
    public JsonNode node(String[] topicLevels, JsonNode payload) {
        for (Place place : places) {
            if (place instanceof Pointer pointer && payload != null) {
                JsonNode node = payload.at(pointer.pointer());
                if (!node.isMissingNode() && !node.isNull()) {
                    return node;
                }
            } else {
                String other = valueOf(place, topicLevels);
                if (other != null) {
                    return JsonNodeFactory.instance.stringNode(other);
                }
            }
        }
        return null;
    }

    private static String valueOf(Place place, String[] topicLevels) {
        if (place instanceof TopicLevel level) {
            return level.index() < topicLevels.length && !topicLevels[level.index()].isEmpty()
                    ? topicLevels[level.index()] : null;
        }
        if (place instanceof Constant constant) {
            return constant.value();
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
