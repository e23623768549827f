# syntax=docker/dockerfile:1
# coachbot: a static binary on a distroless base, run as a non-root user. Time-zone data is
# embedded in the binary (time/tzdata), so the image needs none.
FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/coachbot ./cmd/coachbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/coachbot /usr/local/bin/coachbot
USER 65532:65532
ENV COACHBOT_LOG_FORMAT=json COACHBOT_HTTP_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["coachbot", "health"]
ENTRYPOINT ["coachbot"]
CMD ["serve"]
