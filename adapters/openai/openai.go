// Package openai gives coachbot a language model and an embedding model through any
// OpenAI-compatible server (OpenAI, Mistral, a local Ollama or vLLM), with
// github.com/sashabaranov/go-openai. The core stays in charge: it chooses the passages,
// checks the citations and everything the model writes, and falls back to its extractive
// answer whenever the model fails, is slow or is refused.
package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/prompts"
	goopenai "github.com/sashabaranov/go-openai"
)

// Config configures the client.
type Config struct {
	APIKey  string
	BaseURL string // default https://api.openai.com/v1
	// ChatModel enables answers by a model; EmbedModel enables embeddings by API.
	ChatModel  string
	EmbedModel string
	// Timeout is the deadline of one answer, retries included (default 20 s); EmbedTimeout of
	// one batch of embeddings (default 30 s).
	Timeout      time.Duration
	EmbedTimeout time.Duration
	// QueryTimeout bounds the embedding of one question (default 3 s).
	QueryTimeout time.Duration
	// ContextTokens bounds the passages given to the model (default 3000, about 4 characters
	// a token); AnswerTokens bounds the answer (default 500).
	ContextTokens int
	AnswerTokens  int
	// EmbedBatch is the number of texts per embeddings request (default 64).
	EmbedBatch int
}

// Metrics are counters for the metrics endpoint.
type Metrics struct {
	Calls, Errors, RateLimited, Tokens, EmbedCalls, EmbedErrors atomic.Int64
}

// Client talks to the server.
type Client struct {
	cfg     Config
	api     *goopenai.Client
	tmpl    *template.Template
	log     *slog.Logger
	Metrics Metrics
	// what the server refused once (see complete)
	noTools, maxCompletion, noTemperature atomic.Bool
	// chat and embed stop calling a server that keeps failing, for a while, so that owners
	// get the extractive answer at once instead of after a deadline each time.
	chat, embed breaker
}

// breaker opens after three failures in a row: calls fail at once for the cool-down, then
// one call is let through to try again.
type breaker struct {
	fails     atomic.Int64
	openUntil atomic.Int64 // unix nanoseconds
}

const (
	breakerFailures = 3
	breakerCoolDown = 30 * time.Second
)

// ErrUnavailable is returned without a call while the server is considered down.
var ErrUnavailable = errors.New("openai: server failing, not called for a while")

func (b *breaker) allow() bool { return time.Now().UnixNano() >= b.openUntil.Load() }

func (b *breaker) done(err error) {
	if err == nil {
		b.fails.Store(0)
		return
	}
	if b.fails.Add(1) >= breakerFailures {
		b.openUntil.Store(time.Now().Add(breakerCoolDown).UnixNano())
		b.fails.Store(breakerFailures - 1) // the next failure after the cool-down opens it again
	}
}

// New checks cfg and returns a client; nothing is sent before the first answer.
func New(cfg Config, tmpl *template.Template, log *slog.Logger) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://api.openai.com/v1"
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if !strings.HasPrefix(cfg.BaseURL, "http://") && !strings.HasPrefix(cfg.BaseURL, "https://") {
		return nil, fmt.Errorf("openai: base URL %q must start with http:// or https://", cfg.BaseURL)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	if cfg.EmbedTimeout <= 0 {
		cfg.EmbedTimeout = 30 * time.Second
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 3 * time.Second
	}
	if cfg.ContextTokens <= 0 {
		cfg.ContextTokens = 3000
	}
	if cfg.AnswerTokens <= 0 {
		cfg.AnswerTokens = 500
	}
	if cfg.EmbedBatch <= 0 {
		cfg.EmbedBatch = 64
	}
	if tmpl == nil {
		t, err := prompts.Parse()
		if err != nil {
			return nil, err
		}
		tmpl = t
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	oc := goopenai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = &http.Client{Transport: retryAfterTransport{http.DefaultTransport}}
	return &Client{cfg: cfg, api: goopenai.NewClientWithConfig(oc), tmpl: tmpl, log: log.With("adapter", "openai")}, nil
}

// retryAfterKey carries, in a request's context, where to note a Retry-After header.
type retryAfterKey struct{}

// retryAfterTransport notes the Retry-After of a 429 (go-openai does not expose headers).
type retryAfterTransport struct{ next http.RoundTripper }

func (t retryAfterTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		if p, ok := r.Context().Value(retryAfterKey{}).(*time.Duration); ok {
			// OpenAI also sends retry-after-ms, more precise than whole seconds
			if ms, err := strconv.ParseFloat(resp.Header.Get("retry-after-ms"), 64); err == nil && ms >= 0 {
				*p = time.Duration(ms * float64(time.Millisecond))
			} else {
				*p = parseRetryAfter(resp.Header.Get("Retry-After"))
			}
		}
	}
	return resp, err
}

func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// call runs one request with the deadline already in ctx: a 429 is retried after its
// Retry-After when that fits in the deadline, a 5xx or a network error once after a short
// pause; anything else is returned.
func call[T any](ctx context.Context, c *Client, what string, do func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	for attempt := 0; ; attempt++ {
		var retryAfter time.Duration
		res, err := do(context.WithValue(ctx, retryAfterKey{}, &retryAfter))
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return zero, fmt.Errorf("%s: deadline: %w", what, ctx.Err())
		}
		var api *goopenai.APIError
		var req *goopenai.RequestError
		status := 0
		switch {
		case errors.As(err, &api):
			status = api.HTTPStatusCode
		case errors.As(err, &req):
			status = req.HTTPStatusCode
		}
		wait := time.Duration(0)
		switch {
		case status == http.StatusTooManyRequests:
			c.Metrics.RateLimited.Add(1)
			wait = retryAfter
			if wait <= 0 {
				wait = time.Second
			}
		case status >= 500 || status == 0:
			wait = time.Duration(300*(attempt+1)) * time.Millisecond
		default:
			return zero, fmt.Errorf("%s: %w", what, err)
		}
		deadline, ok := ctx.Deadline()
		if attempt >= 3 || (ok && time.Now().Add(wait).After(deadline)) {
			return zero, fmt.Errorf("%s: %w", what, err)
		}
		c.log.Warn("model server error, retrying", "what", what, "status", status, "in", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return zero, fmt.Errorf("%s: deadline: %w", what, ctx.Err())
		}
	}
}

var _ bot.Answerer = (*Client)(nil)

// coachTool lets the model suggest a coach; the core's policy decides what happens.
var coachTool = goopenai.Tool{Type: goopenai.ToolTypeFunction, Function: &goopenai.FunctionDefinition{
	Name:        "demander_un_coach",
	Description: "Proposer au chef d'entreprise un rendez-vous gratuit avec un coach du programme, quand les documents ne suffisent pas ou qu'il a besoin d'une personne.",
	Parameters:  json.RawMessage(`{"type":"object","properties":{"raison":{"type":"string","description":"Pourquoi un coach serait utile, en une phrase."}},"required":["raison"]}`),
}}

// promptPassage is a passage as the answer prompt shows it.
type promptPassage struct {
	Guide, Title, Text string
}

// Answer implements bot.Answerer: the model writes the answer from the passages, citing them.
func (c *Client) Answer(ctx context.Context, req bot.AnswerRequest) (bot.Answer, error) {
	if c.cfg.ChatModel == "" {
		return bot.Answer{}, errors.New("openai: no chat model configured")
	}
	system, user, err := c.AnswerPrompt(req)
	if err != nil {
		return bot.Answer{}, err
	}
	if !c.chat.allow() {
		c.Metrics.Errors.Add(1)
		return bot.Answer{}, ErrUnavailable
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	c.Metrics.Calls.Add(1)
	resp, err := c.complete(ctx, "chat completion", []goopenai.ChatCompletionMessage{
		{Role: goopenai.ChatMessageRoleSystem, Content: system},
		{Role: goopenai.ChatMessageRoleUser, Content: user},
	}, c.cfg.AnswerTokens, 0.2, true)
	c.chat.done(err)
	if err != nil {
		c.Metrics.Errors.Add(1)
		return bot.Answer{}, err
	}
	c.Metrics.Tokens.Add(int64(resp.Usage.TotalTokens))
	if len(resp.Choices) == 0 {
		c.Metrics.Errors.Add(1)
		return bot.Answer{Tokens: resp.Usage.TotalTokens}, errors.New("chat completion: no choice in the response")
	}
	msg := resp.Choices[0].Message
	ans := bot.Answer{Text: cleanContent(msg.Content), Tokens: resp.Usage.TotalTokens}
	for _, tc := range msg.ToolCalls {
		if tc.Function.Name == coachTool.Function.Name {
			var args struct {
				Raison string `json:"raison"`
			}
			_ = json.Unmarshal([]byte(tc.Function.Arguments), &args)
			ans.WantsCoach, ans.WantsCoachReason = true, args.Raison
		}
	}
	ans.Grounded = ans.Text != ""
	return ans, nil
}

// complete sends one chat completion. Servers differ: some models take no tools, some want
// max_completion_tokens instead of max_tokens, some refuse a temperature. A 400 that names
// one of these is answered by sending the request again without it, once, and the client
// remembers for the next requests.
func (c *Client) complete(ctx context.Context, what string, msgs []goopenai.ChatCompletionMessage, maxTokens int, temperature float32, tools bool) (goopenai.ChatCompletionResponse, error) {
	for attempt := 0; ; attempt++ {
		req := goopenai.ChatCompletionRequest{Model: c.cfg.ChatModel, Messages: msgs}
		if tools && !c.noTools.Load() {
			req.Tools = []goopenai.Tool{coachTool}
		}
		if c.maxCompletion.Load() {
			req.MaxCompletionTokens = maxTokens
		} else {
			req.MaxTokens = maxTokens
		}
		if !c.noTemperature.Load() {
			req.Temperature = temperature
		}
		resp, err := call(ctx, c, what, func(ctx context.Context) (goopenai.ChatCompletionResponse, error) {
			return c.api.CreateChatCompletion(ctx, req)
		})
		var api *goopenai.APIError
		if err == nil || attempt > 0 || !errors.As(err, &api) || api.HTTPStatusCode != http.StatusBadRequest {
			return resp, err
		}
		msg := strings.ToLower(api.Message)
		if api.Param != nil {
			msg += " " + strings.ToLower(*api.Param)
		}
		switch {
		case req.Tools != nil && strings.Contains(msg, "tool"):
			c.noTools.Store(true)
		case req.MaxTokens > 0 && strings.Contains(msg, "max_tokens"):
			c.maxCompletion.Store(true)
		case req.Temperature != 0 && strings.Contains(msg, "temperature"):
			c.noTemperature.Store(true)
		default:
			return resp, err
		}
		c.log.Warn("model server refused a parameter: sent again without it", "what", what, "error", api.Message)
	}
}

var (
	reThink    = regexp.MustCompile(`(?s)<think>.*?</think>`)
	reDocCite  = regexp.MustCompile(`(?i)\[(?:document|doc\.?|source|passage)\s*(\d{1,2})\]|【(\d{1,2})[^】]*】`)
	reLoneOpen = regexp.MustCompile(`(?s)^<think>.*`)
)

// cleanContent removes what some models add around their answer: reasoning between <think>
// tags, and citations written [Document 1] or 【1】 rather than [1].
func cleanContent(s string) string {
	s = reThink.ReplaceAllString(s, "")
	s = reLoneOpen.ReplaceAllString(s, "") // reasoning cut by the token limit: no answer
	s = reDocCite.ReplaceAllStringFunc(s, func(m string) string {
		sub := reDocCite.FindStringSubmatch(m)
		return "[" + sub[1] + sub[2] + "]"
	})
	return strings.TrimSpace(s)
}

// AnswerPrompt renders the system prompt and the user message for a request. Passages are
// cleaned of anything that reads as an instruction to a model and cut to the token budget.
func (c *Client) AnswerPrompt(req bot.AnswerRequest) (string, string, error) {
	system, err := prompts.Render(c.tmpl, "llm_system", nil)
	if err != nil {
		return "", "", err
	}
	budget := c.cfg.ContextTokens * 4 // characters
	var ps []promptPassage
	for _, p := range req.Passages {
		text := NeutralizePassage(p.Chunk.Text)
		if len(ps) > 0 && budget-len(text) < 0 {
			break // later passages do not fit: the model cites only those it was shown
		}
		if budget-len(text) < 0 {
			text = truncate(text, budget)
		}
		budget -= len(text)
		ps = append(ps, promptPassage{Guide: attr(p.Chunk.GuideID), Title: attr(p.Chunk.Title), Text: text})
	}
	var history []string
	for _, h := range req.History {
		history = append(history, Neutralize(h))
	}
	user, err := prompts.Render(c.tmpl, "llm_answer", map[string]any{"Passages": ps, "History": history, "Question": Neutralize(req.Question)})
	return system, user, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func attr(s string) string { return strings.NewReplacer(`"`, "'", "<", "", ">", "").Replace(s) }

// Neutralize makes text safe to put between the prompt's tags: the tags cannot be closed
// or opened from inside. The owner's words are otherwise kept as they are: they are data,
// and what the model writes from them is checked by the core.
func Neutralize(s string) string {
	return strings.NewReplacer("</document", "&lt;/document", "<document", "&lt;document", "</question", "&lt;/question",
		"<question", "&lt;question", "</message", "&lt;/message", "<message", "&lt;message").Replace(s)
}

// NeutralizePassage is Neutralize for a guide passage, which also loses what addresses a
// model (bot.DropModelDirectives): a guide speaks to owners.
func NeutralizePassage(s string) string { return Neutralize(bot.DropModelDirectives(s)) }

// Rewrite turns a follow-up into a standalone question (bot.Rewriter).
func (c *Client) Rewrite(ctx context.Context, history []string, question string) (string, error) {
	if c.cfg.ChatModel == "" {
		return "", errors.New("openai: no chat model configured")
	}
	var hs []string
	for _, h := range history {
		hs = append(hs, Neutralize(h))
	}
	user, err := prompts.Render(c.tmpl, "llm_rewrite", map[string]any{"History": hs, "Question": Neutralize(question)})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout/2)
	defer cancel()
	if !c.chat.allow() {
		return "", ErrUnavailable
	}
	c.Metrics.Calls.Add(1)
	resp, err := c.complete(ctx, "rewrite", []goopenai.ChatCompletionMessage{{Role: goopenai.ChatMessageRoleUser, Content: user}}, 120, 0, false)
	c.chat.done(err)
	if err != nil {
		c.Metrics.Errors.Add(1)
		return "", err
	}
	c.Metrics.Tokens.Add(int64(resp.Usage.TotalTokens))
	if len(resp.Choices) == 0 {
		return "", errors.New("rewrite: no choice in the response")
	}
	q := strings.Trim(cleanContent(resp.Choices[0].Message.Content), `"«» `)
	if q == "" || len(q) > 500 || strings.Contains(q, "\n") {
		return "", errors.New("rewrite: unusable answer")
	}
	return q, nil
}

// Summarize writes the two-sentence summary of a case for coaches (bot.Summarizer).
func (c *Client) Summarize(ctx context.Context, cs bot.Case) (string, error) {
	if c.cfg.ChatModel == "" {
		return "", errors.New("openai: no chat model configured")
	}
	var qs []string
	for _, q := range cs.Questions {
		qs = append(qs, Neutralize(q))
	}
	user, err := prompts.Render(c.tmpl, "llm_case_summary", map[string]any{"Activity": Neutralize(cs.Activity), "Reason": cs.Reason, "Questions": qs})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout/2)
	defer cancel()
	if !c.chat.allow() {
		return "", ErrUnavailable
	}
	c.Metrics.Calls.Add(1)
	resp, err := c.complete(ctx, "case summary", []goopenai.ChatCompletionMessage{{Role: goopenai.ChatMessageRoleUser, Content: user}}, 150, 0, false)
	c.chat.done(err)
	if err != nil {
		c.Metrics.Errors.Add(1)
		return "", err
	}
	c.Metrics.Tokens.Add(int64(resp.Usage.TotalTokens))
	if len(resp.Choices) == 0 {
		return "", errors.New("case summary: no choice in the response")
	}
	return cleanContent(resp.Choices[0].Message.Content), nil
}

// Embedder embeds texts with the server's embedding model (knowledge.Embedder).
type Embedder struct {
	c   *Client
	dim atomic.Int64
}

var _ knowledge.Embedder = (*Embedder)(nil)

// Embedder returns the client's embedder; nil when no embedding model is configured.
func (c *Client) Embedder() *Embedder {
	if c.cfg.EmbedModel == "" {
		return nil
	}
	return &Embedder{c: c}
}

// Model implements knowledge.Embedder.
func (e *Embedder) Model() string { return e.c.cfg.EmbedModel }

// Dim implements knowledge.Embedder: 0 until the first answer tells.
func (e *Embedder) Dim() int { return int(e.dim.Load()) }

// Embed implements knowledge.Embedder, in batches, each retried within its deadline.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([]knowledge.Vector, error) {
	out := make([]knowledge.Vector, 0, len(texts))
	for i := 0; i < len(texts); i += e.c.cfg.EmbedBatch {
		batch := texts[i:min(i+e.c.cfg.EmbedBatch, len(texts))]
		if !e.c.embed.allow() {
			e.c.Metrics.EmbedErrors.Add(1)
			return nil, ErrUnavailable
		}
		timeout := e.c.cfg.EmbedTimeout
		if len(texts) == 1 {
			// a question waits for its vector only briefly: retrieval goes on without it
			timeout = min(timeout, e.c.cfg.QueryTimeout)
		}
		bctx, cancel := context.WithTimeout(ctx, timeout)
		e.c.Metrics.EmbedCalls.Add(1)
		resp, err := call(bctx, e.c, "embeddings", func(ctx context.Context) (goopenai.EmbeddingResponse, error) {
			return e.c.api.CreateEmbeddings(ctx, goopenai.EmbeddingRequest{Input: batch, Model: goopenai.EmbeddingModel(e.c.cfg.EmbedModel)})
		})
		cancel()
		e.c.embed.done(err)
		if err != nil {
			e.c.Metrics.EmbedErrors.Add(1)
			return nil, err
		}
		if len(resp.Data) != len(batch) {
			e.c.Metrics.EmbedErrors.Add(1)
			return nil, fmt.Errorf("embeddings: %d vectors for %d texts", len(resp.Data), len(batch))
		}
		vecs := make([]knowledge.Vector, len(batch))
		for _, d := range resp.Data {
			if d.Index < 0 || d.Index >= len(batch) || len(d.Embedding) == 0 {
				return nil, fmt.Errorf("embeddings: bad item %d", d.Index)
			}
			v := knowledge.Vector(d.Embedding)
			if dim := e.dim.Load(); dim == 0 {
				e.dim.Store(int64(len(v)))
			} else if int64(len(v)) != dim {
				return nil, fmt.Errorf("embeddings: model %s returned %d dimensions after %d", e.Model(), len(v), dim)
			}
			vecs[d.Index] = knowledge.Normalize(append(knowledge.Vector(nil), v...))
		}
		out = append(out, vecs...)
	}
	return out, nil
}
