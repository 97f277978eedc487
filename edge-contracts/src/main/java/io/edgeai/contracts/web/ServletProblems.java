package io.edgeai.contracts.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Writes an RFC 9457 problem+json answer straight to a servlet response, for the filters that refuse a request
 * before Spring MVC (and its controller advice) sees it.
 */
public final class ServletProblems {

    private ServletProblems() {
    }

    public static void write(HttpServletResponse response, int status, URI type, String title, String detail,
            String instance) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"" + json(type.toString()) + "\",\"title\":\"" + json(title)
                + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(instance)
                + "\"}");
    }

    /** A JSON string's content: quotes, backslashes and control characters escaped. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
