package main

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coachbot/coachbot/bot"
)

// The metrics of the process in the Prometheus text format, without a client library: a few
// labelled counters and histograms are all the product needs.

// counters are named counters, safe for concurrent use.
type counters struct {
	mu sync.Mutex
	n  map[string]int64
}

func (c *counters) inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int64{}
	}
	c.n[key]++
}

func (c *counters) add(code, _ string) { c.inc(code) }

func (c *counters) snapshot() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.n)
}

// histogram counts observations in cumulative buckets, by label value.
type histogram struct {
	mu      sync.Mutex
	buckets []float64
	by      map[string]*histData
}

type histData struct {
	counts []int64 // per bucket, not cumulative
	sum    float64
	n      int64
}

func newHistogram(buckets ...float64) *histogram {
	return &histogram{buckets: buckets, by: map[string]*histData{}}
}

func (h *histogram) observe(label string, v float64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	d := h.by[label]
	if d == nil {
		d = &histData{counts: make([]int64, len(h.buckets))}
		h.by[label] = d
	}
	for i, b := range h.buckets {
		if v <= b {
			d.counts[i]++
			break
		}
	}
	d.sum += v
	d.n++
}

func (h *histogram) write(w io.Writer, name, help, label string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name)
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, lv := range slices.Sorted(maps.Keys(h.by)) {
		d := h.by[lv]
		lbl := ""
		if label != "" {
			lbl = fmt.Sprintf("%s=%q,", label, lv)
		}
		var cum int64
		for i, b := range h.buckets {
			cum += d.counts[i]
			fmt.Fprintf(w, "%s_bucket{%sle=\"%s\"} %d\n", name, lbl, strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "%s_bucket{%sle=\"+Inf\"} %d\n", name, lbl, d.n)
		trim := strings.TrimSuffix(lbl, ",")
		if trim != "" {
			trim = "{" + trim + "}"
		}
		fmt.Fprintf(w, "%s_sum%s %g\n%s_count%s %d\n", name, trim, d.sum, name, trim, d.n)
	}
}

// metrics are what the core and the adapters report.
type metrics struct {
	messages    counters // channel|outcome
	escalations counters // reason
	fallbacks   counters // reason
	platform429 counters // channel
	latency     *histogram
	confidence  *histogram
}

func newMetrics() *metrics {
	return &metrics{
		latency:    newHistogram(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
		confidence: newHistogram(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1),
	}
}

// observe is bot.Config.Observe.
func (mt *metrics) observe(m bot.Message, r bot.Reply, took time.Duration) {
	mt.messages.inc(m.Channel + "|" + string(r.Outcome))
	mt.latency.observe(m.Channel, took.Seconds())
	if r.Escalate && r.EscalationReason != "" {
		mt.escalations.inc(r.EscalationReason)
	}
	if r.Outcome == bot.Answered {
		mt.confidence.observe("", r.Confidence)
	}
}

// writeMetrics writes the counters of the process in the Prometheus text format.
func (c *core) writeMetrics(w io.Writer) {
	counter := func(name, help string, v int64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	labelled := func(name, help string, cs *counters, labels ...string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
		snap := cs.snapshot()
		for _, k := range slices.Sorted(maps.Keys(snap)) {
			vals := strings.Split(k, "|")
			var parts []string
			for i, l := range labels {
				if i < len(vals) {
					parts = append(parts, fmt.Sprintf("%s=%q", l, vals[i]))
				}
			}
			fmt.Fprintf(w, "%s{%s} %d\n", name, strings.Join(parts, ","), snap[k])
		}
	}
	mt := c.metrics
	labelled("coachbot_messages_total", "Messages handled, by channel and outcome of the reply.", &mt.messages, "channel", "outcome")
	mt.latency.write(w, "coachbot_message_duration_seconds", "Time to handle a message in the core, by channel.", "channel")
	mt.confidence.write(w, "coachbot_answer_confidence", "Retrieval confidence of the answers given.", "")
	labelled("coachbot_escalations_total", "Replies that offered or opened a coach's help, by reason.", &mt.escalations, "reason")
	var booked int64
	for k, v := range mt.messages.snapshot() {
		if strings.HasSuffix(k, "|"+string(bot.Booked)) {
			booked += v
		}
	}
	counter("coachbot_bookings_total", "Sessions booked with a coach.", booked)
	labelled("coachbot_platform_rate_limited_total", "429 answers of a platform's API, by channel.", &mt.platform429, "channel")
	if c.llm != nil {
		m := &c.llm.Metrics
		counter("coachbot_llm_calls_total", "Requests to the language model (answers, rewrites, summaries).", m.Calls.Load())
		counter("coachbot_llm_errors_total", "Language model requests that failed after their retries.", m.Errors.Load())
		counter("coachbot_llm_rate_limited_total", "429 answers of the language model server.", m.RateLimited.Load())
		counter("coachbot_llm_tokens_total", "Tokens spent (prompt and completion).", m.Tokens.Load())
		counter("coachbot_embed_calls_total", "Requests to the embedding model.", m.EmbedCalls.Load())
		counter("coachbot_embed_errors_total", "Embedding requests that failed after their retries.", m.EmbedErrors.Load())
	}
	labelled("coachbot_llm_fallbacks_total", "Model answers not used (extractive answer instead), by reason.", &mt.fallbacks, "reason")
}

func (c *core) metricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		c.writeMetrics(w)
	})
}
