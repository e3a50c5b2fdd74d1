package com.smoft.crm.system;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers (a request refused before Spring sees it: a malformed request line or path,
 * headers too large) as problem+json like every other error, instead of Tomcat's HTML page with its version.
 * Says nothing but the status and its meaning, in the caller's language when its headers could be read: the
 * problem {@link ProblemException#ofStatus} stands for, resolved from the service's messages and written by Jackson as
 * Spring writes a {@link ProblemDetail}. Tomcat makes the valve itself, by its class name, outside the application
 * context: it reads the same message files with a {@link ResourceBundleMessageSource} of its own.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final URI BLANK = URI.create("about:blank");

    private static final ResourceBundleMessageSource MESSAGES = messages();

    /** Writes a problem's properties at the top level, as Spring's message converters do. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemException leadId =
                status == 400 ? ProblemException.leadIdInPath(request.getRequestURI(), request.getMethod()) : null;
        ProblemDetail problem = (leadId != null ? leadId : ProblemException.ofStatus(status))
                .updateAndGetBody(MESSAGES, Languages.RESOLVER.resolveLocale(request));
        problem.setType(BLANK);
        try {
            String body = MAPPER.writeValueAsString(problem);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer already left: nothing more to tell it.
        }
    }

    /** The service's messages, read as {@code spring.messages} in application.yml reads them. */
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }
}
