package main

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
)

// writeMetrics writes the counters of the process in the Prometheus text format.
func (c *core) writeMetrics(w io.Writer) {
	counter := func(name, help string, v int64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	if c.llm != nil {
		m := &c.llm.Metrics
		counter("coachbot_llm_calls_total", "Requests to the language model (answers, rewrites, summaries).", m.Calls.Load())
		counter("coachbot_llm_errors_total", "Language model requests that failed after their retries.", m.Errors.Load())
		counter("coachbot_llm_rate_limited_total", "429 answers of the language model server.", m.RateLimited.Load())
		counter("coachbot_llm_tokens_total", "Tokens spent (prompt and completion).", m.Tokens.Load())
		counter("coachbot_embed_calls_total", "Requests to the embedding model.", m.EmbedCalls.Load())
		counter("coachbot_embed_errors_total", "Embedding requests that failed after their retries.", m.EmbedErrors.Load())
	}
	fb := c.fallbacks.snapshot()
	fmt.Fprintf(w, "# HELP coachbot_llm_fallbacks_total Model answers not used (extractive answer instead), by reason.\n# TYPE coachbot_llm_fallbacks_total counter\n")
	for _, code := range slices.Sorted(maps.Keys(fb)) {
		fmt.Fprintf(w, "coachbot_llm_fallbacks_total{reason=%q} %d\n", code, fb[code])
	}
}

func (c *core) metricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		c.writeMetrics(w)
	})
}
