# Build: docker build -t smoft-crm .
# Run:   docker run -p 8000:8000 smoft-crm
# Own model store: docker run -p 8000:8000 -v "$PWD/model:/app/model:ro" smoft-crm   (promotions through the API
#   need the folder writable by uid 10001: chown -R 10001 model and drop :ro)
# One model file: docker run -p 8000:8000 -v "$PWD/my-model.bin:/models/crm.bin:ro" -e CRM_MODEL_PATH=/models/crm.bin smoft-crm
# The memory of each lead: an embedded database in the volume /app/data (keep it with -v crm-data:/app/data), or
#   PostgreSQL: -e SPRING_DATASOURCE_URL=jdbc:postgresql://db/crm -e SPRING_DATASOURCE_USERNAME=crm -e SPRING_DATASOURCE_PASSWORD=...
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home crm
WORKDIR /app
# The jar unpacked (lib/ beside it) so that the JDK can cache its classes, and the model to train the cache on.
COPY --from=build /src/target/smoft-crm-intelligent.jar /tmp/smoft-crm-intelligent.jar
RUN java -Djarmode=tools -jar /tmp/smoft-crm-intelligent.jar extract --destination /app && rm /tmp/smoft-crm-intelligent.jar
# The shipped model store; mount a store of your own on /app/model to serve it.
COPY model model
# A JDK AOT cache recorded on one start of this very image (same JVM, same class path), with Spring's AOT
# code: start-up in less than half the time of a plain java -jar (docs/benchmarks.md).
RUN java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh \
        -Dspring.datasource.url=jdbc:h2:mem:training -jar smoft-crm-intelligent.jar > /dev/null \
    && mkdir /app/data && chown crm /app/data
# The embedded memory's files, in a volume of their own: writable with a read-only root filesystem.
ENV SPRING_DATASOURCE_URL="jdbc:h2:file:/app/data/memory;DB_CLOSE_ON_EXIT=FALSE"
VOLUME /app/data
USER crm
EXPOSE 8000
# The port the service listens on: SERVER_PORT=9000 moves both (docker run -e SERVER_PORT=9000 -p 9000:9000 ...).
ENV SERVER_PORT=8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD curl -fsS "http://localhost:${SERVER_PORT}/health" || exit 1
# CRM_SPRING_AOT=false starts without Spring's AOT code (after changing a setting it fixed at build time).
# An OutOfMemoryError stops the JVM, so the orchestrator restarts it rather than leaving a process that spins.
ENTRYPOINT ["sh", "-c", "exec java -XX:+ExitOnOutOfMemoryError -XX:AOTCache=app.aot -Dspring.aot.enabled=${CRM_SPRING_AOT:-true} -jar /app/smoft-crm-intelligent.jar \"$@\"", "--"]
