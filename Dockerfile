# Spork image: a Maven build stage, then a JRE 17 runtime with the application and the bundled model.
#   docker build -t spork .                                   (CPU ONNX Runtime)
#   docker build --build-arg ONNXRUNTIME=gpu -t spork:gpu .   (CUDA 12 ONNX Runtime, linux-x64; needs the NVIDIA runtime)
ARG ONNXRUNTIME=cpu

FROM maven:3.9-eclipse-temurin-17 AS build
ARG ONNXRUNTIME
WORKDIR /src
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY streams-app/pom.xml streams-app/
COPY query-api/pom.xml query-api/
COPY config config
COPY schemas schemas
COPY streams-app streams-app
COPY query-api query-api
RUN PROFILE=$([ "$ONNXRUNTIME" = "gpu" ] && echo "-Ponnxruntime-gpu" || true) \
 && mvn -B -q -DskipTests $PROFILE install \
 && mvn -B -q $PROFILE -pl query-api dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp query-api/target/query-api-*.jar /app/spork.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app spork && mkdir -p /var/lib/spork && chown spork /var/lib/spork
WORKDIR /app
COPY --from=build /app /app
COPY models models
COPY config/spork.properties /etc/spork/spork.properties
# No library may reach the network; ONNX Runtime needs a large thread stack.
ENV OPT_OUT_TRACKING=true \
    ORT_DISABLE_TELEMETRY=1 \
    JAVA_OPTS="-Xmx1g" \
    SPORK_STATE_DIR=/var/lib/spork/state \
    SPORK_HTTP_HOST=0.0.0.0
USER spork
EXPOSE 7070
VOLUME /var/lib/spork
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/7070 && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["bash", "-c", "exec java -Xss4m $JAVA_OPTS -cp '/app/spork.jar:/app/lib/*' io.spork.app.SporkCli run --config /etc/spork/spork.properties \"$@\"", "spork"]
