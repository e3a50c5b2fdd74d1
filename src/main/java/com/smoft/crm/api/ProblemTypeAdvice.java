package com.smoft.crm.api;

import com.smoft.crm.scoring.InputField;
import java.net.URI;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem names its {@code type}, and names its {@code instance} in at most 200 characters: Spring leaves the default, {@code about:blank}, out of the JSON, and
 * clients that switch on {@code type} should find it in every error, as in those the security chain writes.
 */
@RestControllerAdvice
class ProblemTypeAdvice implements ResponseBodyAdvice<Object> {

    private static final URI BLANK = URI.create("about:blank");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null) {
                problem.setType(BLANK);
            }
            // The address named in an answer is the caller's own: a path of kilobytes comes back as its start only.
            String instance = problem.getInstance() != null
                    ? problem.getInstance().toString()
                    : request.getURI().getRawPath();
            if (instance != null && instance.length() > InputField.MAX_ECHOED_LENGTH) {
                String start =
                        instance.substring(0, InputField.MAX_ECHOED_LENGTH).replaceAll("%[0-9A-Fa-f]?$", "");
                try {
                    problem.setInstance(URI.create(start));
                } catch (IllegalArgumentException notAnAddress) {
                    problem.setInstance(null);
                }
            }
        }
        return body;
    }
}
