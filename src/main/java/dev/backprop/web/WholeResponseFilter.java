package dev.backprop.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps an answer that fits in the response buffer whole until the request is done, so that it
 * leaves in one write with a {@code Content-Length}: a flush in the middle (Jackson flushes when
 * it has written a value) would send the headers and the body, and leave the end of a chunked
 * body for later. A replica killed between the two would leave a proxy holding half an answer
 * it can no longer retry on another replica. Larger answers stream as before, once the buffer
 * is full.
 */
class WholeResponseFilter extends OncePerRequestFilter {

    /** Room for every answer but the largest; one buffer per request thread. */
    static final int BUFFER_SIZE = 64 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setBufferSize(BUFFER_SIZE);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {

            private ServletOutputStream stream;

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                if (stream == null) {
                    stream = new UnflushedOutputStream(super.getOutputStream());
                }
                return stream;
            }

            @Override
            public void flushBuffer() {
                // the container flushes once the request is done
            }
        });
    }

    /** Passes every write on and ignores flushes. */
    private static final class UnflushedOutputStream extends ServletOutputStream {

        private final ServletOutputStream out;

        UnflushedOutputStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // the container flushes once the request is done
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
