# backprop-service, built from source.
#
#   docker build -t backprop-service .          (or: podman build ... , see scripts/container-test.sh)
#   docker run --rm -p 8080:8080 backprop-service
#
# Only `java` on PATH is assumed of the base images, so the real eclipse-temurin images and the
# local stand-ins made by scripts/container/make-base-images.sh both work.

# ---- build: compile and package with the Maven wrapper, then split the jar into layers ----------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# The dependency layer depends on the build files alone, so a source change does not download
# Maven or the dependencies again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline

COPY src src
RUN ./mvnw -B -DskipTests package \
 && java -Djarmode=tools -jar target/backprop-service.jar extract \
        --layers --destination extracted --application-filename application.jar

# ---- runtime: a JRE, the four layers from the least to the most often changed ----------------
FROM eclipse-temurin:17-jre
# OpenBLAS makes libblas.so.3 fast: backprop.engine.products=auto, the default, sends the engine's
# matrix products through it because it is OpenBLAS (measured 6-16x on the 1024-wide workload,
# docs/performance.md); without it they would be pure Java.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# The entry point sets OPENBLAS_NUM_THREADS to the CPUs the container may use (its CPU quota
# rounded up, at most nproc) unless it is set already, then execs the JVM: OpenBLAS would
# otherwise start a thread per core of the host.
COPY src/main/docker/entrypoint.sh ./

COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# Class data sharing: a training run that starts the context and exits once it is refreshed
# (before the web server listens) records the loaded classes; started with the archive, the JVM
# maps them instead of loading and verifying them again. The archive belongs to this JVM and this
# exact class path, so it is made here, in the runtime image, and is read-only at run time.
# Measured on 1 CPU: about a quarter less CPU time to readiness (scripts/container/measure-startup.sh).
# -Xlog:cds=error hides the expected warnings about classes that cannot be archived.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -Xlog:cds=error \
         -jar application.jar \
 && chmod 0444 application.jsa

# No name in /etc/passwd is needed; numeric, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001

EXPOSE 8080

# bash's /dev/tcp instead of curl, which a JRE image need not have. HTTP/1.0 makes the server
# close the connection after its answer, so grep sees the end of the response. The port follows
# SERVER_PORT or PORT (application.yaml's server.port is ${PORT:8080}).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-${PORT:-8080}} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]

# java -XX:SharedArchiveFile=application.jsa -jar application.jar, with OpenBLAS's threads set
ENTRYPOINT ["bash", "/app/entrypoint.sh"]
