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
import java.util.List;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code backprop.limits.max-body-size} with 413: at once when
 * its {@code Content-Length} says so, otherwise (a chunked body, or one that lies about its
 * length) when the reader passes the limit, since the input stream counts the bytes as they are
 * read and fails past the limit. Nothing is buffered here: the body streams into Jackson.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final Map<String, Long> limitsByPath;

    /**
     * @param defaultLimit the largest body, in bytes
     * @param limitsByPath a smaller limit for the requests to these paths (exact request URIs)
     */
    public BodySizeLimitFilter(long defaultLimit, Map<String, Long> limitsByPath) {
        this.defaultLimit = defaultLimit;
        this.limitsByPath = Map.copyOf(limitsByPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitsByPath.getOrDefault(request.getRequestURI(), defaultLimit);
        if (request.getContentLengthLong() > limit) {
            // Tomcat swallows the rest (up to server.tomcat.max-swallow-size, then it closes the
            // connection), so that the client, still sending, gets to read the answer
            ProblemResponses.write(
                    response,
                    ProblemType.PAYLOAD_TOO_LARGE,
                    BodyTooLargeException.detail(limit),
                    List.of(new FieldError("", BodyTooLargeException.detail(limit))));
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (BodyTooLargeException.findIn(failure) == null && !limited.exceeded()) {
                throw failure;
            }
            tooLarge(response, limit);
            return;
        }
        if (limited.exceeded() && !response.isCommitted() && response.getStatus() < 400) {
            // a reader swallowed the exception: the body was cut short, so no answer to it can stand
            tooLarge(response, limit);
        }
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        ProblemResponses.write(
                response,
                ProblemType.PAYLOAD_TOO_LARGE,
                BodyTooLargeException.detail(limit),
                List.of(new FieldError("", BodyTooLargeException.detail(limit))));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /** A request whose body fails once more than the limit has been read. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private CountingInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long limit) {
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
        private final long limit;
        private long count;
        private boolean exceeded;

        CountingInputStream(ServletInputStream in, long limit) {
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
            if (count > limit) {
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
