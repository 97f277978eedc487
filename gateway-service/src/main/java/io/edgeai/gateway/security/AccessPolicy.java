package io.edgeai.gateway.security;

import io.edgeai.gateway.config.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;

/**
 * Which role a request needs: health and the dashboard are public; model management, retention and the actuator
 * need admin; other reads need viewer; every other write needs operator.
 */
@Component
public class AccessPolicy {

    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/", "/index.html", "/favicon.ico", "/assets/**", "/dashboard/**"};
    private static final String[] ADMIN = {"/v2/repository/**", "/v2/models/*/finetune", "/v2/models/*/finetune/**",
            "/v2/repository/models/*/train", "/v2/models/*/versions/*/promote", "/api/v1/retention/**",
            "/api/v1/uplink/models/**", "/api/v1/uplink/collect",
            "/actuator/**"};

    private final AntPathMatcher matcher = new AntPathMatcher();

    /** The role needed, or null when the path is public. */
    public Role required(HttpMethod method, String path) {
        if (matches(PUBLIC, path) && (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
            return null;
        }
        if (matches(ADMIN, path)) {
            return Role.ADMIN;
        }
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return Role.VIEWER;
        }
        return Role.OPERATOR;
    }

    private boolean matches(String[] patterns, String path) {
        for (String p : patterns) {
            if (matcher.match(p, path)) {
                return true;
            }
        }
        return false;
    }
}
