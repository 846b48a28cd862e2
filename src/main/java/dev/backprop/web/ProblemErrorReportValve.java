package dev.backprop.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last resort, for the errors it answers itself before any servlet runs (a request line
 * or header it cannot parse, a URL with characters it refuses, a body that does not arrive in
 * time): a problem+json body in place of Tomcat's HTML report, with no server version and no
 * stack trace. The problem has no {@code instance}: the URL may be what Tomcat could not read.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private volatile ProblemWriter problems;

    /** Made by Tomcat's host from the class name ({@link ServerConfiguration}). */
    public ProblemErrorReportValve() {}

    /** The application's writer, given once the host has started. */
    void writeWith(ProblemWriter writer) {
        this.problems = writer;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        ProblemWriter writer = problems;
        if (writer == null || status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            writer.write(response, Problem.forStatus(status));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client has gone: there is no one left to answer
        }
    }
}
