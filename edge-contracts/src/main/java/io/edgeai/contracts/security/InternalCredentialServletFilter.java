package io.edgeai.contracts.security;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.web.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 401 every call that lacks the internal credential, so only the gateway (and sibling services) can
 * reach an internal service. Health, info and Prometheus stay open for probes and scrapers.
 */
public class InternalCredentialServletFilter extends OncePerRequestFilter {

    private final InternalCredential credential;

    public InternalCredentialServletFilter(InternalCredential credential) {
        this.credential = credential;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !credential.enforced() || path.startsWith("/actuator/health") || path.equals("/actuator/info")
                || path.equals("/actuator/prometheus") || path.startsWith("/v2/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (credential.accepts(request.getHeader(InternalCredential.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        ServletProblems.write(response, HttpServletResponse.SC_UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                "Unauthenticated", "This is an internal service: call it through the gateway.",
                request.getRequestURI().replace("\"", "%22"));
    }
}
