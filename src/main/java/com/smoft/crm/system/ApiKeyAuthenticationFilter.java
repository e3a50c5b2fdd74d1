package com.smoft.crm.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a caller by the key in {@code X-API-Key} (or {@code Authorization: Bearer}, as Prometheus sends
 * it): a scoring key grants {@code ROLE_API}, a metrics key {@code ROLE_METRICS}, an admin key all three. It only authenticates; what each role may call is decided by the security
 * chain's rules, on the path Spring MVC routes. Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, every key every time, and neither keys nor presented values are ever logged.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private static final String BEARER = "Bearer ";

    private final List<byte[]> scoringKeys;
    private final List<byte[]> metricsKeys;
    private final List<byte[]> adminKeys;

    ApiKeyAuthenticationFilter(CrmProperties.Security security) {
        this.scoringKeys = security.apiKeys().stream()
                .map(ApiKeyAuthenticationFilter::digest)
                .toList();
        this.metricsKeys = security.metricsApiKeys().stream()
                .map(ApiKeyAuthenticationFilter::digest)
                .toList();
        this.adminKeys = security.adminApiKeys().stream()
                .map(ApiKeyAuthenticationFilter::digest)
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (presented == null
                && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            presented = authorization.substring(BEARER.length()).strip();
        }
        if (presented != null) {
            byte[] digest = digest(presented);
            // Every list is compared whatever the others say, so timing tells nothing about which holds the key.
            boolean admin = matchesAny(adminKeys, digest);
            boolean scoring = matchesAny(scoringKeys, digest);
            boolean metrics = matchesAny(metricsKeys, digest);
            List<String> roles = new ArrayList<>();
            if (admin || scoring) {
                roles.add("ROLE_API");
            }
            if (admin || metrics) {
                roles.add("ROLE_METRICS");
            }
            if (admin) {
                roles.add("ROLE_ADMIN");
            }
            if (!roles.isEmpty()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                        admin ? "admin-key" : scoring ? "scoring-key" : "metrics-key",
                        null,
                        AuthorityUtils.createAuthorityList(roles)));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean matchesAny(List<byte[]> keys, byte[] presented) {
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(key, presented);
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
