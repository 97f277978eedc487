package io.edgeai.contracts;

import java.net.URI;

/** The {@code type} URIs of the suite's problem+json answers, so clients can branch on them. */
public final class ProblemTypes {

    private static final String BASE = "https://edge-ai-suite.io/problems/";

    /** A request body or parameter that breaks a rule; {@code errors} lists each field. */
    public static final URI VALIDATION = URI.create(BASE + "validation");
    /** A downstream service that is not reachable right now; retry later. */
    public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");
    /** A resource that does not exist. */
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    /** A request that conflicts with the current state (e.g. a shard this instance does not own). */
    public static final URI CONFLICT = URI.create(BASE + "conflict");

    /** No valid API key was presented. */
    public static final URI UNAUTHENTICATED = URI.create(BASE + "unauthenticated");
    /** The API key's role does not allow this request. */
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    /** The caller sent more requests than its rate limit allows; see Retry-After. */
    public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
    /** The request body is larger than the gateway accepts. */
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

    private ProblemTypes() {
    }
}
