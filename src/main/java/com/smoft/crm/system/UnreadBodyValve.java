package com.smoft.crm.system;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection after the answer, without reading the rest of the body, when that body broke a limit of
 * {@link RequestBodyLimitFilter} (too slow, too large), while it was read or while its rest was dropped. Tomcat would
 * otherwise read and drop the rest of such a body at whatever pace its sender chooses, holding the connection and
 * its buffers for as long: a crowd of trickling senders would keep that memory however quickly they were refused.
 */
final class UnreadBodyValve extends ValveBase {

    private static final String DROP = UnreadBodyValve.class.getName() + ".drop";

    UnreadBodyValve() {
        super(true);
    }

    /** Asks for the connection to close after the answer, the rest of the body unread. */
    static void dropRestOfBody(ServletRequest request) {
        request.setAttribute(DROP, Boolean.TRUE);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.getAttribute(DROP) != null) {
            // The answer is finished first (its last chunk written), so that closing cuts nothing of it.
            response.finishResponse();
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
