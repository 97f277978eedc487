package io.edgeai.contracts.web;

import io.edgeai.contracts.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Content-Type} is a wildcard or does not parse with 415 problem+json. Spring MVC
 * throws {@code IllegalArgumentException} on such a header while reading the body, outside any controller advice,
 * and answered 500 on every JSON route of the servlet services (found by the fault suite; the gateway refuses the
 * same headers, this covers calls that reach a service directly with the internal credential).
 */
public class ContentTypeServletFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (header == null || ContentTypes.acceptable(header)) {
            chain.doFilter(request, response);
            return;
        }
        ServletProblems.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, ProblemTypes.VALIDATION,
                "Unsupported media type", ContentTypes.refusal(header), request.getRequestURI());
    }
}
