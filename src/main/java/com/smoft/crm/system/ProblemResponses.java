package com.smoft.crm.system;

import com.smoft.crm.scoring.InputField;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem+json from servlet filters, which run before Spring MVC's error handler. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, JsonMapper mapper, HttpStatus status, String title, String detail,
                      String instance) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", InputField.excerpt(instance));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        // Sent, not closed nor given its length (either ends the request before the filters around have run), and
        // committed, so that nothing after it replaces it.
        response.getOutputStream().write(mapper.writeValueAsBytes(problem));
        response.flushBuffer();
    }
}
