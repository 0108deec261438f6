# Spork image: a Maven build stage, then a JRE 17 runtime with the application and the bundled model.
#   docker build -t spork .                                   (CPU ONNX Runtime, small)
#   docker build --build-arg ONNXRUNTIME=gpu -t spork:gpu .   (CUDA 12 ONNX Runtime on a CUDA 12 + cuDNN 9
#                                                              runtime base, linux-x64; run with --gpus all)
# `./spork compose up -d --build` picks gpu by itself when the machine has an NVIDIA GPU (it sets
# SPORK_ONNXRUNTIME for docker-compose.yml), cpu otherwise: a Dockerfile cannot choose its base
# image from the devices of the machine it is built on.
ARG ONNXRUNTIME=cpu

FROM maven:3.9-eclipse-temurin-17 AS build
ARG ONNXRUNTIME
WORKDIR /src
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY streams-app/pom.xml streams-app/
COPY dev-kafka/pom.xml dev-kafka/
COPY query-api/pom.xml query-api/
# Only the tools' pom, so the reactor reads: the image builds and holds the product alone (-pl query-api -am).
COPY tools/bench/pom.xml tools/bench/
COPY config config
COPY schemas schemas
COPY streams-app streams-app
COPY dev-kafka dev-kafka
COPY query-api query-api
RUN PROFILE=$([ "$ONNXRUNTIME" = "gpu" ] && echo "-Ponnxruntime-gpu" || true) \
 && mvn -B -q -DskipTests $PROFILE -pl query-api -am install \
 && mvn -B -q $PROFILE -pl query-api dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp query-api/target/query-api-*.jar /app/spork.jar

# CPU build: the plain JRE image.
FROM eclipse-temurin:17-jre AS runtime-cpu

# CUDA build: ONNX Runtime's CUDA provider needs the CUDA 12 and cuDNN 9 user-space libraries
# (the NVIDIA container runtime brings only the driver); the JRE is copied from the same JRE image.
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 AS runtime-gpu
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
COPY --from=eclipse-temurin:17-jre /opt/java/openjdk /opt/java/openjdk

FROM runtime-${ONNXRUNTIME}
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
