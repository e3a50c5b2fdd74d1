package com.smoft.crm.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what, decided by Spring Security on the path Spring MVC routes (decoded, path parameters
 * removed), so that {@code /%61pi/stats} or {@code /api;x/stats} are judged as the {@code /api/stats} they
 * reach. With {@code crm.security.api-keys}, {@code /api/**} needs a scoring or admin key; with
 * {@code crm.security.admin-api-keys}, {@code /api/admin/**} needs an admin key, and without any it is closed.
 * Stateless: no session, no login page, no CSRF token (a browser cannot send a custom header cross-site
 * without a CORS preflight). Every refusal is problem+json. The page, the docs and the probes stay open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String ADMIN_PATHS = "/api/admin/**";

    /** Erasing a lead's records ({@code DELETE}): an admin key, as administration. */
    static final List<String> ERASE_PATHS = List.of("/api/leads/**", "/api/lead");

    /**
     * Recording outcomes ({@code POST}): they steer the live accuracy every caller reads and the models retrained from
     * the memory, so a service with keys takes them from an admin key only; a service without keys stays open.
     */
    static final String OUTCOMES_PATH = "/api/outcomes";

    /** The API: a scoring or an admin key when keys are set. */
    static final String API_PATHS = "/api/**";

    /**
     * Open even with keys: the input fields, the output columns and the reasons' texts, what the open OpenAPI
     * document says already, for the page.
     */
    static final List<String> OPEN_API_PATHS =
            List.of("/api/contract", "/api/contract/output", "/api/contract/reasons");

    static final String METRICS_PATH = "/actuator/prometheus";

    /** The page and the API: nothing but the service's own files, no inline script or style, never framed. */
    static final String STRICT_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** JSON answers: nothing to load, never framed. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** Swagger UI and ReDoc inject their own styles (and ReDoc a web worker); scripts stay the service's own. */
    static final String DOCS_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, CrmProperties properties, Environment environment, FilterProblems problems) {
        CrmProperties.Security security = properties.security();
        requireRealKeys(environment, "crm.security.api-keys", security.apiKeys());
        requireRealKeys(environment, "crm.security.admin-api-keys", security.adminApiKeys());
        requireRealKeys(environment, "crm.security.metrics-api-keys", security.metricsApiKeys());
        List<RequestMatcher> administration = new ArrayList<>(List.of(
                PathPatternRequestMatcher.withDefaults().matcher(ADMIN_PATHS),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, ERASE_PATHS.get(0)),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, ERASE_PATHS.get(1))));
        if (security.keysRequired()) {
            administration.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, OUTCOMES_PATH));
        }
        RequestMatcher admin = new OrRequestMatcher(administration);
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher(API_PATHS);
        RequestMatcher metrics = PathPatternRequestMatcher.withDefaults().matcher(METRICS_PATH);
        RequestMatcher docs = new OrRequestMatcher(List.of(
                PathPatternRequestMatcher.withDefaults().matcher("/docs"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/redoc"),
                PathPatternRequestMatcher.withDefaults().matcher("/redoc/**")));
        boolean adminOpen = security.adminOpen();
        log.info(
                "API keys: scoring {}, metrics {}, administration {}",
                security.keysRequired() ? "needs a key" : "open",
                security.metricsKeysRequired() ? "needs a metrics or admin key" : "open",
                adminOpen ? "needs an admin key" : "closed (no crm.security.admin-api-keys)");

        http.csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // Nothing is kept between requests: no session is read or created, no security context stored.
                .sessionManagement(session -> session.disable())
                .securityContext(context -> context.securityContextRepository(new NullSecurityContextRepository()))
                .cors(Customizer.withDefaults())
                // Callers are keys, never sessions or anonymous users: no anonymous token or request wrapper per
                // request.
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                // nosniff as Spring Security writes it; the rest in one writer, short on API answers (JSON is never
                // rendered, and each byte of every score counts), complete on the page, its files and the docs.
                .headers(headers -> headers.xssProtection(xss -> xss.disable())
                        .cacheControl(cache -> cache.disable())
                        .frameOptions(frames -> frames.disable())
                        .addHeaderWriter((request, response) -> {
                            response.setHeader("Cache-Control", "no-store");
                            if (api.matches(request)) {
                                response.setHeader("Content-Security-Policy", API_POLICY);
                            } else {
                                response.setHeader(
                                        "Content-Security-Policy", docs.matches(request) ? DOCS_POLICY : STRICT_POLICY);
                                response.setHeader("X-Frame-Options", "DENY");
                            }
                        }))
                .addFilterBefore(new ApiKeyAuthenticationFilter(security), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problems.send(
                                request,
                                response,
                                !adminOpen && admin.matches(request)
                                        ? adminClosed()
                                        : unauthorized(request, metrics.matches(request))))
                        .accessDeniedHandler((request, response, e) -> problems.send(
                                request,
                                response,
                                !adminOpen && admin.matches(request)
                                        ? adminClosed()
                                        : new ProblemException(
                                                HttpStatus.FORBIDDEN,
                                                "status.403",
                                                metrics.matches(request)
                                                        ? "forbidden.metrics"
                                                        : admin.matches(request)
                                                                ? "forbidden.admin"
                                                                : "forbidden.api"))))
                .authorizeHttpRequests(authorize -> {
                    if (adminOpen) {
                        authorize.requestMatchers(admin).hasRole("ADMIN");
                    } else {
                        authorize.requestMatchers(admin).denyAll();
                    }
                    authorize
                            .requestMatchers(OPEN_API_PATHS.toArray(String[]::new))
                            .permitAll();
                    if (security.keysRequired()) {
                        authorize.requestMatchers(api).hasRole("API");
                    }
                    // With keys, the metrics (volumes per segment, drift) are no one else's business either.
                    if (security.metricsKeysRequired()) {
                        authorize.requestMatchers(metrics).hasRole("METRICS");
                    }
                    authorize.anyRequest().permitAll();
                });
        return http.build();
    }

    /**
     * No Micrometer observation around each of the chain's filters: they doubled the cost of a score
     * (measured with wrk, docs/benchmarks.md), and requests are already timed by {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Browser origins allowed to call {@code /api/**} and {@code /health}, answered before any key is checked. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(CrmProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.addAllowedHeader(CorsConfiguration.ALL);
        cors.addExposedHeader(RequestLogFilter.HEADER);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        source.registerCorsConfiguration("/health", cors);
        return source;
    }

    /**
     * Spring Security's strict firewall on paths, but with path parameters ({@code ;jsessionid=1}) let through:
     * the rules above judge the path without them, exactly as Spring MVC routes it. Header names and values
     * are left to Tomcat, which already refuses malformed ones: the firewall's own regular expressions over
     * every header cost more per score than the rest of the chain.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowSemicolon(true);
        firewall.setAllowedHeaderNames(name -> true);
        firewall.setAllowedHeaderValues(value -> true);
        return firewall;
    }

    /**
     * A request the firewall refuses (encoded slashes or percents, control characters...) gets a 400 problem; one for a
     * lead whose id a path cannot carry names {@code /api/lead?customer_id=...} instead.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(FilterProblems problems) {
        return (request, response, e) -> {
            log.info("Request refused by the firewall: {}", e.getMessage());
            ProblemException leadId = ProblemException.leadIdInPath(request.getRequestURI(), request.getMethod());
            problems.send(
                    request,
                    response,
                    leadId != null ? leadId : new ProblemException(HttpStatus.BAD_REQUEST, "status.400", "firewall"));
        };
    }

    /** A key setting given but holding no key, or a blank one, would silently run open: stop instead. */
    private static void requireRealKeys(Environment environment, String setting, List<String> keys) {
        boolean given = environment.containsProperty(setting) || environment.containsProperty(setting + "[0]");
        if (keys.stream().anyMatch(String::isBlank) || (given && keys.isEmpty())) {
            throw new InvalidSettingException(setting + " is set but holds a blank key. List real keys separated by "
                    + "commas (e.g. " + setting + "=key-for-crm,key-for-site), or remove the setting entirely.");
        }
    }

    private static ProblemException unauthorized(HttpServletRequest request, boolean metrics) {
        boolean presented = request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        ProblemException problem = new ProblemException(
                HttpStatus.UNAUTHORIZED,
                "status.401",
                presented ? "unauthorized.key" : metrics ? "unauthorized.metrics" : "status.401");
        problem.getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
        return problem;
    }

    private static ProblemException adminClosed() {
        return new ProblemException(HttpStatus.FORBIDDEN, "admin-closed", "admin-closed");
    }
}
