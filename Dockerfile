# Build: docker build -t smoft-crm .
# Run:   docker run -p 8000:8000 smoft-crm
# Own model: docker run -p 8000:8000 -v "$PWD/model:/app/model:ro" smoft-crm
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
COPY --from=build /src/target/smoft-crm-intelligent.jar app.jar
# The shipped default model; mount a folder on /app/model to serve your own.
COPY model model
USER crm
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD curl -fsS http://localhost:8000/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
