package io.edgeai.contracts.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** What every service of the suite accepts as a request's {@code Content-Type}: one concrete media type. */
public final class ContentTypes {

    private ContentTypes() {
    }

    /**
     * True for a header naming one concrete media type; false for {@code *}{@code /*}, {@code application/*} or a
     * header that does not parse. Spring MVC throws on the former while reading a body (a 500), so they are refused
     * with 415 before any controller sees them.
     */
    public static boolean acceptable(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The header as it can be quoted back in an error: at most 100 printable ASCII characters. */
    public static String printable(String header) {
        String cut = header.length() > 100 ? header.substring(0, 100) + "..." : header;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The detail of the 415 answer. */
    public static String refusal(String header) {
        return "The Content-Type header must name one media type, such as application/json; '" + printable(header)
                + "' does not.";
    }
}
