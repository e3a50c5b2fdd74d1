package com.smoft.crm.api;

import com.smoft.crm.system.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends errors raised outside Spring MVC (a filter's or Tomcat's own
 * {@code sendError}): answered as problem+json like the rest, by the same handler, in place of Spring Boot's default
 * error page, and saying nothing of the exception behind it.
 */
@Hidden
@RestController
class ErrorPathController implements ErrorController {

    // Whatever the caller accepts: an error answer must never itself fail content negotiation.
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            // The answer already left (a connection closed after it): nothing may be added to it.
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly, /error is a path like any other that serves nothing.
        int status = request.getDispatcherType() != DispatcherType.ERROR
                ? 404
                : code instanceof Integer value && value >= 400 ? value : 500;
        throw ProblemException.ofStatus(status);
    }
}
