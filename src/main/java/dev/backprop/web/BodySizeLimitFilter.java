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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than its limit with 413: at once when its {@code Content-Length}
 * says so, otherwise (a chunked body, or one that lies about its length) when the reader passes
 * the limit, since the input stream counts the bytes as they are read and fails past the limit.
 * Nothing is buffered here: the body streams into Jackson. The problem names the limit that fired.
 *
 * <p>A body with {@code Content-Encoding: gzip} (or {@code x-gzip}) is decompressed as it streams,
 * and the limit holds for both the bytes sent and the bytes they decompress to, so a small body
 * that inflates past the limit (a zip bomb) is a 413 as soon as it does, never held in memory. A
 * body that is not gzip data is a 400 ({@link BodyEncodingException}). A body in any other
 * encoding is refused at once with 415 and {@code Accept-Encoding: gzip}.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    /**
     * A body-size limit.
     *
     * @param bytes the largest body
     * @param property the setting that holds it, for the problem to name
     */
    public record Limit(long bytes, String property) {}

    private static final String IDENTITY = "identity";
    private static final String GZIP = "gzip";

    private final Limit defaultLimit;
    private final Map<String, Limit> limitsByPath;
    private final ProblemWriter problems;

    /**
     * @param defaultLimit the limit of every request but those below
     * @param limitsByPath another limit for the requests to these paths (exact request URIs)
     * @param problems writes the 413 and the 415
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
        String coding = contentCoding(request);
        if (!coding.equals(IDENTITY) && !coding.equals(GZIP) && hasBody(request)) {
            refuseEncoding(request, response, coding);
            return;
        }
        if (request.getContentLengthLong() > limit.bytes()) {
            // Tomcat swallows the rest (up to server.tomcat.max-swallow-size, then it closes the
            // connection), so that the client, still sending, gets to read the answer
            refuse(request, response, limit);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit, coding.equals(GZIP));
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            BodyTooLargeException tooLarge = limited.exceeded();
            if (tooLarge == null && BodyException.findIn(failure) instanceof BodyTooLargeException thrown) {
                tooLarge = thrown;
            }
            if (tooLarge == null) {
                throw failure;
            }
            refuse(request, response, tooLarge);
            return;
        }
        if (limited.exceeded() != null && !response.isCommitted() && response.getStatus() < 400) {
            // a reader swallowed the exception: the body was cut short, so no answer to it can stand
            refuse(request, response, limited.exceeded());
        }
    }

    /** 415, with the one coding this service decodes in {@code Accept-Encoding}, as RFC 9110 asks. */
    private void refuseEncoding(HttpServletRequest request, HttpServletResponse response, String coding)
            throws IOException {
        response.setHeader(HttpHeaders.ACCEPT_ENCODING, GZIP);
        String detail = "The body's Content-Encoding " + shortened(coding)
                + " is not supported: send the body as it is, or gzip-compressed with Content-Encoding: gzip";
        problems.write(
                response,
                Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, List.of())
                        .withInstance(request.getRequestURI()));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Limit limit) throws IOException {
        refuse(request, response, new BodyTooLargeException(limit, false));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, BodyTooLargeException tooLarge)
            throws IOException {
        problems.write(response, tooLarge.problem().withInstance(request.getRequestURI()));
    }

    /**
     * The body's content coding: {@code identity} for none, {@code gzip} (also for its alias
     * {@code x-gzip}), or the header as sent, lower-cased, for anything else (another coding, or
     * several, which this service does not decode).
     */
    private static String contentCoding(HttpServletRequest request) {
        List<String> codings = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            for (String coding : header.split(",")) {
                String name = coding.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals(IDENTITY)) {
                    codings.add(name.equals("x-gzip") ? GZIP : name);
                }
            }
        }
        if (codings.isEmpty()) {
            return IDENTITY;
        }
        return codings.size() == 1 ? codings.get(0) : String.join(", ", codings);
    }

    /** Whether the request has a body: a length above 0, or chunks. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static String shortened(String header) {
        return header.length() > 40 ? header.substring(0, 40) + "…" : header;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /** A request whose body fails once more than the limit has been read, decompressed on the way if gzip. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final Limit limit;
        private final boolean gzip;
        private CountingInputStream sent;
        private CountingInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, Limit limit, boolean gzip) {
            super(request);
            this.limit = limit;
            this.gzip = gzip;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                sent = new CountingInputStream(in, in, limit, false);
                stream = gzip ? new CountingInputStream(new GunzippingStream(sent), in, limit, true) : sent;
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

        /** The length of the body once decompressed is not known before it is read. */
        @Override
        public int getContentLength() {
            return gzip ? -1 : super.getContentLength();
        }

        @Override
        public long getContentLengthLong() {
            return gzip ? -1 : super.getContentLengthLong();
        }

        /** The failure of a limit that was passed, or {@code null}. */
        BodyTooLargeException exceeded() {
            if (sent != null && sent.exceeded != null) {
                return sent.exceeded;
            }
            return stream != null ? stream.exceeded : null;
        }
    }

    /** Counts the bytes read and throws once they pass the limit. */
    private static final class CountingInputStream extends ServletInputStream {

        private final InputStream in;
        private final ServletInputStream servlet;
        private final Limit limit;
        private final boolean decompressed;
        private long count;
        private BodyTooLargeException exceeded;

        /**
         * @param in the bytes to count
         * @param servlet the request's own stream, which says whether the body is finished or ready
         * @param decompressed whether the bytes are those of a gzip body, decompressed
         */
        CountingInputStream(InputStream in, ServletInputStream servlet, Limit limit, boolean decompressed) {
            this.in = in;
            this.servlet = servlet;
            this.limit = limit;
            this.decompressed = decompressed;
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
                exceeded = new BodyTooLargeException(limit, decompressed);
                throw exceeded;
            }
        }

        @Override
        public boolean isFinished() {
            return servlet.isFinished();
        }

        @Override
        public boolean isReady() {
            return servlet.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            servlet.setReadListener(listener);
        }
    }

    /**
     * The decompressed bytes of a gzip body, one member after another. An empty body stays empty
     * (and is answered as a missing body); data that is not gzip fails with a {@link
     * BodyEncodingException}.
     */
    private static final class GunzippingStream extends InputStream {

        private final PeekingStream sent;
        private GZIPInputStream gzip;

        GunzippingStream(InputStream sent) {
            this.sent = new PeekingStream(sent);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                if (gzip == null) {
                    if (sent.available() == 0) {
                        return -1;
                    }
                    gzip = new GZIPInputStream(sent);
                }
                return gzip.read(buffer, offset, length);
            } catch (BodyException limit) {
                throw limit;
            } catch (IOException notGzip) {
                throw new BodyEncodingException(notGzip);
            }
        }
    }

    /**
     * A stream whose {@link #available()} is 0 only at the end of the body: it waits for the next
     * byte rather than saying what has arrived. {@link GZIPInputStream} looks for a further member
     * after each one only when bytes are available, and would end a body of several members at the
     * first that happens to end a network packet.
     */
    private static final class PeekingStream extends InputStream {

        private final InputStream in;
        private int peeked = -2;

        PeekingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int available() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked < 0 ? 0 : 1;
        }

        @Override
        public int read() throws IOException {
            if (peeked != -2) {
                int b = peeked;
                peeked = b < 0 ? -1 : -2;
                return b;
            }
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (peeked != -2) {
                if (peeked < 0) {
                    return -1;
                }
                buffer[offset] = (byte) peeked;
                peeked = -2;
                int more = length > 1 ? Math.max(0, in.read(buffer, offset + 1, length - 1)) : 0;
                return 1 + more;
            }
            return in.read(buffer, offset, length);
        }
    }
}
