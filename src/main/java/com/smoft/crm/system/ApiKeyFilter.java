package com.smoft.crm.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * When {@code crm.security.api-keys} lists keys, every {@code /api/**} call must carry one of them in
 * {@code X-API-Key}; {@code /health}, the docs and the web page stay open. Keys are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, in time that does not depend on where they differ,
 * and neither keys nor presented values are ever logged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final List<byte[]> keyDigests;
    private final JsonMapper mapper;

    ApiKeyFilter(List<String> apiKeys, JsonMapper mapper) {
        this.keyDigests = apiKeys.stream().filter(key -> !key.isBlank()).map(ApiKeyFilter::digest).toList();
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Browsers send CORS preflights without custom headers; the real call that follows is checked.
        return !request.getRequestURI().startsWith("/api/") || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null && matches(digest(presented))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
        ProblemResponses.write(response, mapper, HttpStatus.UNAUTHORIZED, "Unauthorized",
                presented == null ? "This API needs a key in the " + HEADER + " header." : "The " + HEADER + " key is not valid.",
                request.getRequestURI());
    }

    private boolean matches(byte[] presented) {
        boolean found = false;
        for (byte[] key : keyDigests) {
            // No early exit: every key is compared, whichever matches.
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
