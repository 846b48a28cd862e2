package dev.backprop.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than its limit with 413: at once when its {@code Content-Length}
 * says so, otherwise (a chunked body, or one that lies about its length) when the reader passes
 * the limit, since the input stream counts the bytes as they are read and fails past the limit.
 * Nothing is buffered here: the body streams into Jackson. The problem names the limit that fired.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    /**
     * A body-size limit.
     *
     * @param bytes the largest body
     * @param property the setting that holds it, for the problem to name
     */
    public record Limit(long bytes, String property) {}

    private final Limit defaultLimit;
    private final Map<String, Limit> limitsByPath;
    private final ProblemWriter problems;

    /**
     * @param defaultLimit the limit of every request but those below
     * @param limitsByPath another limit for the requests to these paths (exact request URIs)
     * @param problems writes the 413
     */
    public BodySizeLimitFilter(Limit defaultLimit, Map<String, Limit> limitsByPath, ProblemWriter problems) {
        this.defaultLimit = defaultLimit;
        this.limitsByPath = Map.copyOf(limitsByPath);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limit limit = limitsByPath.getOrDefault(request.getRequestURI(), defaultLimit);
        if (request.getContentLengthLong() > limit.bytes()) {
            // Tomcat swallows the rest (up to server.tomcat.max-swallow-size, then it closes the
            // connection), so that the client, still sending, gets to read the answer
            refuse(request, response, limit);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (BodyTooLargeException.findIn(failure) == null && !limited.exceeded()) {
                throw failure;
            }
            refuse(request, response, limit);
            return;
        }
        if (limited.exceeded() && !response.isCommitted() && response.getStatus() < 400) {
            // a reader swallowed the exception: the body was cut short, so no answer to it can stand
            refuse(request, response, limit);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Limit limit) throws IOException {
        problems.write(response, new BodyTooLargeException(limit).problem().withInstance(request.getRequestURI()));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /** A request whose body fails once more than the limit has been read. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final Limit limit;
        private CountingInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        boolean exceeded() {
            return stream != null && stream.exceeded;
        }
    }

    /** Counts the bytes read and throws once they pass the limit. */
    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final Limit limit;
        private long count;
        private boolean exceeded;

        CountingInputStream(ServletInputStream in, Limit limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit.bytes()) {
                exceeded = true;
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
