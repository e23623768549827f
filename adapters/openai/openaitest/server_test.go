package openaitest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/coachbot/coachbot/adapters/openai/openaitest"
)

const model = "gpt-4o-mini"

// client returns a go-openai client for s with key.
func client(t *testing.T, s *openaitest.Server, key string) *openai.Client {
	t.Helper()
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = s.URL()
	return openai.NewClientWithConfig(cfg)
}

func userMessage(text string) openai.ChatCompletionMessage {
	return openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: text}
}

func TestChatCompletion(t *testing.T) {
	s := openaitest.New(t)
	c := client(t, s, s.Key())

	resp, err := c.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: "Tu es le coach."},
			{Role: openai.ChatMessageRoleUser, MultiContent: []openai.ChatMessagePart{
				{Type: openai.ChatMessagePartTypeText, Text: "Quels horaires"},
				{Type: openai.ChatMessagePartTypeText, Text: "le samedi ?"},
			}},
		},
		MaxCompletionTokens: 300,
		Temperature:         0.2,
	})
	if err != nil {
		t.Fatalf("CreateChatCompletion: %v", err)
	}
	if len(resp.Choices) != 1 {
		t.Fatalf("got %d choices, want 1", len(resp.Choices))
	}
	choice := resp.Choices[0]
	if choice.Message.Content != openaitest.DefaultReply || choice.Message.Role != openai.ChatMessageRoleAssistant {
		t.Errorf("got message %+v, want the assistant's %q", choice.Message, openaitest.DefaultReply)
	}
	if choice.FinishReason != openai.FinishReasonStop {
		t.Errorf("got finish reason %q, want stop", choice.FinishReason)
	}
	if resp.Object != "chat.completion" || resp.Model != model || !strings.HasPrefix(resp.ID, "chatcmpl-") {
		t.Errorf("got object %q model %q id %q", resp.Object, resp.Model, resp.ID)
	}
	u := resp.Usage
	if u.PromptTokens <= 0 || u.CompletionTokens <= 0 || u.TotalTokens != u.PromptTokens+u.CompletionTokens {
		t.Errorf("got usage %+v, want counted tokens that add up", u)
	}

	reqs := s.ChatRequests()
	if len(reqs) != 1 {
		t.Fatalf("got %d recorded requests, want 1", len(reqs))
	}
	got := reqs[0]
	if got.Temperature == nil || math.Abs(*got.Temperature-0.2) > 1e-6 {
		t.Errorf("got temperature %v, want 0.2", got.Temperature)
	}
	got.Temperature = nil
	want := openaitest.ChatRequest{
		Model: model,
		Messages: []openaitest.Message{
			{Role: "system", Content: "Tu es le coach."},
			{Role: "user", Content: "Quels horaires\nle samedi ?"},
		},
		MaxTokens: 300,
		APIKey:    openaitest.Key,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("recorded request (-want +got):\n%s", diff)
	}
}

func TestChatReplyUsage(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
		return openaitest.ChatReply{Content: "Trop long", FinishReason: "length", PromptTokens: 120, CompletionTokens: 7}
	})
	resp, err := client(t, s, s.Key()).CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")}, MaxTokens: 7,
	})
	if err != nil {
		t.Fatalf("CreateChatCompletion: %v", err)
	}
	if got, want := resp.Usage, (openai.Usage{PromptTokens: 120, CompletionTokens: 7, TotalTokens: 127}); got != want {
		t.Errorf("got usage %+v, want %+v", got, want)
	}
	if got := resp.Choices[0].FinishReason; got != openai.FinishReasonLength {
		t.Errorf("got finish reason %q, want length", got)
	}
	if got := s.ChatRequests()[0].MaxTokens; got != 7 {
		t.Errorf("got max tokens %d from max_tokens, want 7", got)
	}
}

var bookTool = openai.Tool{
	Type: openai.ToolTypeFunction,
	Function: &openai.FunctionDefinition{
		Name:        "book_slot",
		Description: "Réserve un créneau.",
		Parameters:  json.RawMessage(`{"type":"object","properties":{"slot":{"type":"integer"}},"required":["slot"]}`),
	},
}

// toolHandler calls book_slot when offered tools and no tool answer is in the
// conversation yet, and otherwise answers with the tool's result.
func toolHandler(req openaitest.ChatRequest) openaitest.ChatReply {
	last := req.Messages[len(req.Messages)-1]
	if last.Role == "tool" {
		return openaitest.ChatReply{Content: "C'est réservé : " + last.Content}
	}
	if len(req.Tools) > 0 {
		return openaitest.ChatReply{ToolCalls: []openaitest.ToolCall{{Name: "book_slot", Arguments: `{"slot":42}`}}}
	}
	return openaitest.ChatReply{Content: "Pas d'outil."}
}

func TestChatToolCall(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(toolHandler)
	c := client(t, s, s.Key())
	messages := []openai.ChatCompletionMessage{userMessage("Réserve le créneau 42")}

	resp, err := c.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: messages, Tools: []openai.Tool{bookTool}, ToolChoice: "auto",
	})
	if err != nil {
		t.Fatalf("CreateChatCompletion: %v", err)
	}
	msg := resp.Choices[0].Message
	if resp.Choices[0].FinishReason != openai.FinishReasonToolCalls {
		t.Errorf("got finish reason %q, want tool_calls", resp.Choices[0].FinishReason)
	}
	if msg.Content != "" || len(msg.ToolCalls) != 1 {
		t.Fatalf("got message %+v, want one tool call and no content", msg)
	}
	call := msg.ToolCalls[0]
	if call.ID == "" || call.Type != openai.ToolTypeFunction || call.Function.Name != "book_slot" || call.Function.Arguments != `{"slot":42}` {
		t.Errorf("got tool call %+v, want book_slot {\"slot\":42} with an id", call)
	}

	messages = append(messages, msg, openai.ChatCompletionMessage{
		Role: openai.ChatMessageRoleTool, ToolCallID: call.ID, Content: "créneau 42 réservé",
	})
	resp, err = c.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: messages, Tools: []openai.Tool{bookTool},
		ToolChoice: openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: "book_slot"}},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletion with the tool's answer: %v", err)
	}
	if got, want := resp.Choices[0].Message.Content, "C'est réservé : créneau 42 réservé"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	reqs := s.ChatRequests()
	if got := reqs[0]; got.ToolChoice != "auto" || !cmp.Equal(got.Tools, []string{"book_slot"}) {
		t.Errorf("got tools %v choice %q, want [book_slot] auto", got.Tools, got.ToolChoice)
	}
	wantMessages := []openaitest.Message{
		{Role: "user", Content: "Réserve le créneau 42"},
		{Role: "assistant", ToolCalls: []openaitest.ToolCall{{ID: call.ID, Name: "book_slot", Arguments: `{"slot":42}`}}},
		{Role: "tool", Content: "créneau 42 réservé", ToolCallID: call.ID},
	}
	if diff := cmp.Diff(wantMessages, reqs[1].Messages); diff != "" {
		t.Errorf("second request's messages (-want +got):\n%s", diff)
	}
	if got := reqs[1].ToolChoice; got != "book_slot" {
		t.Errorf("got tool choice %q, want book_slot", got)
	}
}

func TestChatRefusesWhatOpenAIRefuses(t *testing.T) {
	call := openai.ToolCall{ID: "call_9", Type: openai.ToolTypeFunction, Function: openai.FunctionCall{Name: "book_slot", Arguments: "{}"}}
	tests := []struct {
		name      string
		req       openai.ChatCompletionRequest
		wantParam string
	}{
		{"no messages", openai.ChatCompletionRequest{Model: model}, "messages"},
		{"unknown role", openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{
			{Role: "coach", Content: "?"},
		}}, "messages.[0].role"},
		{"tool answer without a call", openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{
			userMessage("?"), {Role: openai.ChatMessageRoleTool, ToolCallID: "call_9", Content: "ok"},
		}}, "messages.[1].role"},
		{"tool call left unanswered", openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{
			userMessage("?"), {Role: openai.ChatMessageRoleAssistant, ToolCalls: []openai.ToolCall{call}}, userMessage("et ?"),
		}}, "messages.[1].role"},
		{"tool choice without tools", openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{
			userMessage("?"),
		}, ToolChoice: "required"}, "tool_choice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openaitest.New(t)
			_, err := client(t, s, s.Key()).CreateChatCompletion(t.Context(), tt.req)
			apiErr, ok := errors.AsType[*openai.APIError](err)
			if !ok {
				t.Fatalf("got error %v, want *openai.APIError", err)
			}
			if apiErr.HTTPStatusCode != http.StatusBadRequest || apiErr.Type != "invalid_request_error" {
				t.Errorf("got status %d type %q, want 400 invalid_request_error", apiErr.HTTPStatusCode, apiErr.Type)
			}
			if apiErr.Param == nil || *apiErr.Param != tt.wantParam {
				t.Errorf("got param %v, want %q", apiErr.Param, tt.wantParam)
			}
		})
	}
}

func TestChatStream(t *testing.T) {
	const text = "Le cours du samedi commence à 10 h [1]."
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
		return openaitest.ChatReply{Content: text, ChunkDelay: time.Millisecond}
	})
	stream, err := client(t, s, s.Key()).CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Horaires ?")},
		StreamOptions: &openai.StreamOptions{IncludeUsage: true},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletionStream: %v", err)
	}
	defer stream.Close()

	var (
		content, finish string
		deltas          int
		usage           *openai.Usage
	)
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Recv: %v", err)
		}
		if chunk.Object != "chat.completion.chunk" {
			t.Errorf("got object %q, want chat.completion.chunk", chunk.Object)
		}
		if chunk.Usage != nil {
			usage = chunk.Usage
		}
		for _, ch := range chunk.Choices {
			if ch.Delta.Content != "" {
				deltas++
				content += ch.Delta.Content
			}
			if ch.FinishReason != "" {
				finish = string(ch.FinishReason)
			}
		}
	}
	if content != text {
		t.Errorf("got content %q, want %q", content, text)
	}
	if deltas < 3 {
		t.Errorf("got %d content deltas, want several", deltas)
	}
	if finish != "stop" {
		t.Errorf("got finish reason %q, want stop", finish)
	}
	if usage == nil || usage.CompletionTokens == 0 || usage.TotalTokens != usage.PromptTokens+usage.CompletionTokens {
		t.Errorf("got usage %+v, want the counted tokens in the last chunk", usage)
	}
	if got := s.ChatRequests()[0]; !got.Stream || !got.IncludeUsage {
		t.Errorf("got stream %v include usage %v, want both", got.Stream, got.IncludeUsage)
	}
}

func TestChatStreamToolCalls(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
		return openaitest.ChatReply{ToolCalls: []openaitest.ToolCall{
			{ID: "call_a", Name: "book_slot", Arguments: `{"slot":42}`},
			{ID: "call_b", Name: "book_slot", Arguments: `{"slot":43, "note":"élève"}`},
		}}
	})
	stream, err := client(t, s, s.Key()).CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Réserve 42 et 43")}, Tools: []openai.Tool{bookTool},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletionStream: %v", err)
	}
	defer stream.Close()

	// Assemble the calls as a client must: by index, the id and name from
	// the first delta, the arguments concatenated.
	var calls []openaitest.ToolCall
	var finish openai.FinishReason
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Recv: %v", err)
		}
		for _, ch := range chunk.Choices {
			for _, d := range ch.Delta.ToolCalls {
				if d.Index == nil {
					t.Fatalf("got a tool call delta without index: %+v", d)
				}
				for len(calls) <= *d.Index {
					calls = append(calls, openaitest.ToolCall{})
				}
				c := &calls[*d.Index]
				if d.ID != "" {
					c.ID = d.ID
				}
				c.Name += d.Function.Name
				c.Arguments += d.Function.Arguments
			}
			if ch.FinishReason != "" {
				finish = ch.FinishReason
			}
		}
	}
	want := []openaitest.ToolCall{
		{ID: "call_a", Name: "book_slot", Arguments: `{"slot":42}`},
		{ID: "call_b", Name: "book_slot", Arguments: `{"slot":43, "note":"élève"}`},
	}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("assembled tool calls (-want +got):\n%s", diff)
	}
	if finish != openai.FinishReasonToolCalls {
		t.Errorf("got finish reason %q, want tool_calls", finish)
	}
}

func TestChatStreamStall(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
		return openaitest.ChatReply{Content: "Un deux trois quatre cinq", StallAfter: 3}
	})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	stream, err := client(t, s, s.Key()).CreateChatCompletionStream(ctx, openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Compte")},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletionStream: %v", err)
	}
	defer stream.Close()

	var chunks int
	var content string
	for {
		chunk, err := stream.Recv()
		if err != nil {
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got error %v, want the context's deadline", err)
			}
			break
		}
		chunks++
		content += chunk.Choices[0].Delta.Content
	}
	// Three chunks: the role, then "Un ", "deux ".
	if chunks != 3 || content != "Un deux " {
		t.Errorf("got %d chunks %q before the stall, want 3 \"Un deux \"", chunks, content)
	}
}

func TestChatHang(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply { return openaitest.ChatReply{Hang: true} })
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := client(t, s, s.Key()).CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Allô ?")},
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got error %v, want the context's deadline", err)
	}
	if elapsed := time.Since(start); elapsed < 200*time.Millisecond {
		t.Errorf("the client gave up after %v, before its deadline", elapsed)
	}
}

// headerRecorder is an HTTP client that keeps the headers of the last
// response, the way an adapter reads Retry-After where go-openai drops it.
type headerRecorder struct {
	mu     sync.Mutex
	header http.Header
}

func (h *headerRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		h.mu.Lock()
		h.header = resp.Header.Clone()
		h.mu.Unlock()
	}
	return resp, err
}

func (h *headerRecorder) get(name string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.header.Get(name)
}

func TestRateLimit(t *testing.T) {
	s := openaitest.New(t)
	s.FailNext(1, http.StatusTooManyRequests, 1500*time.Millisecond)
	c := client(t, s, s.Key())
	req := openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")}}

	resp, err := c.CreateChatCompletion(t.Context(), req)
	apiErr, ok := errors.AsType[*openai.APIError](err)
	if !ok {
		t.Fatalf("got error %v, want *openai.APIError", err)
	}
	if apiErr.HTTPStatusCode != http.StatusTooManyRequests || apiErr.Code != "rate_limit_exceeded" || apiErr.Type != "requests" {
		t.Errorf("got status %d code %v type %q, want 429 rate_limit_exceeded requests", apiErr.HTTPStatusCode, apiErr.Code, apiErr.Type)
	}
	if !strings.HasPrefix(apiErr.Message, "Rate limit reached for gpt-4o-mini") {
		t.Errorf("got message %q", apiErr.Message)
	}
	// go-openai's APIError carries no header, but CreateChatCompletion (like
	// every non-streaming call) sets the response's headers before it looks
	// at the status, so they are on the response returned with the error.
	if got := resp.Header().Get("Retry-After"); got != "2" {
		t.Errorf("got Retry-After %q on the response, want 2 (1.5 s rounded up)", got)
	}
	if got := resp.Header().Get("retry-after-ms"); got != "1500" {
		t.Errorf("got retry-after-ms %q, want 1500", got)
	}

	resp, err = c.CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatalf("the request after the failure: %v", err)
	}
	if resp.Choices[0].Message.Content != openaitest.DefaultReply {
		t.Errorf("got %q after the failure", resp.Choices[0].Message.Content)
	}
	if got := s.ChatCount(); got != 2 {
		t.Errorf("got %d requests recorded, want 2", got)
	}
}

func TestRateLimitStream(t *testing.T) {
	s := openaitest.New(t)
	s.FailNext(1, http.StatusTooManyRequests, 3*time.Second)
	rec := &headerRecorder{}
	cfg := openai.DefaultConfig(s.Key())
	cfg.BaseURL = s.URL()
	cfg.HTTPClient = rec
	c := openai.NewClientWithConfig(cfg)

	// A stream that fails returns an empty stream and the error: the
	// headers are lost, and only an HTTP client of one's own sees them.
	stream, err := c.CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")},
	})
	apiErr, ok := errors.AsType[*openai.APIError](err)
	if !ok || apiErr.HTTPStatusCode != http.StatusTooManyRequests {
		t.Fatalf("got error %v, want a 429 *openai.APIError", err)
	}
	if stream != nil {
		t.Errorf("got a stream with the error")
	}
	if got := rec.get("Retry-After"); got != "3" {
		t.Errorf("got Retry-After %q through the HTTP client, want 3", got)
	}
}

func TestServerErrors(t *testing.T) {
	tests := []struct {
		name       string
		fail       func(*openaitest.Server)
		wantStatus int
		wantAPI    bool // *openai.APIError rather than *openai.RequestError
	}{
		{"500", func(s *openaitest.Server) { s.FailNext(1, 500, 0) }, 500, true},
		{"503", func(s *openaitest.Server) { s.FailNext(1, 503, 0) }, 503, true},
		{"502 HTML page", func(s *openaitest.Server) { s.FailNext(1, 502, 0) }, 502, false},
		{"handler's 400", func(s *openaitest.Server) {
			s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
				return openaitest.ChatReply{Status: 400, Content: "This model's maximum context length is 128000 tokens."}
			})
		}, 400, true},
		{"handler's 503 with Retry-After", func(s *openaitest.Server) {
			s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
				return openaitest.ChatReply{Status: 503, RetryAfter: time.Second}
			})
		}, 503, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openaitest.New(t)
			tt.fail(s)
			_, err := client(t, s, s.Key()).CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
				Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")},
			})
			var status int
			if apiErr, ok := errors.AsType[*openai.APIError](err); ok && tt.wantAPI {
				status = apiErr.HTTPStatusCode
			} else if reqErr, ok := errors.AsType[*openai.RequestError](err); ok && !tt.wantAPI {
				status = reqErr.HTTPStatusCode
				if !strings.Contains(string(reqErr.Body), "502 Bad Gateway") {
					t.Errorf("got body %q, want the gateway's page", reqErr.Body)
				}
			} else {
				t.Fatalf("got error %T %v", err, err)
			}
			if status != tt.wantStatus {
				t.Errorf("got status %d, want %d", status, tt.wantStatus)
			}
		})
	}
}

func TestMalformedJSON(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
		return openaitest.ChatReply{Raw: `{"id":"chatcmpl-1","choices":[{"message":`}
	})
	_, err := client(t, s, s.Key()).CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")},
	})
	if err == nil {
		t.Fatal("got no error for a truncated body")
	}
	if _, ok := errors.AsType[*openai.APIError](err); ok {
		t.Errorf("got an APIError %v for a truncated body", err)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %v, want the decoder's unexpected EOF", err)
	}
}

func TestMalformedStream(t *testing.T) {
	s := openaitest.New(t)
	s.Chat(func(openaitest.ChatRequest) openaitest.ChatReply {
		return openaitest.ChatReply{Raw: "data: {\"choices\":[{\"delta\":{\"content\":\"Bon\"}}]}\n\ndata: {not json\n\n"}
	})
	stream, err := client(t, s, s.Key()).CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletionStream: %v", err)
	}
	defer stream.Close()
	if chunk, err := stream.Recv(); err != nil || chunk.Choices[0].Delta.Content != "Bon" {
		t.Fatalf("got %+v, %v for the first chunk", chunk, err)
	}
	if _, err := stream.Recv(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("got %v for a malformed chunk, want a decoding error", err)
	}
}

func TestAPIKey(t *testing.T) {
	req := openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")}}
	s := openaitest.New(t)
	for _, key := range []string{"sk-wrong", ""} {
		_, err := client(t, s, key).CreateChatCompletion(t.Context(), req)
		apiErr, ok := errors.AsType[*openai.APIError](err)
		if !ok || apiErr.HTTPStatusCode != http.StatusUnauthorized || apiErr.Type != "invalid_request_error" {
			t.Fatalf("key %q: got %v, want a 401 *openai.APIError", key, err)
		}
		if key != "" && (apiErr.Code != "invalid_api_key" || apiErr.Message != "Incorrect API key provided") {
			t.Errorf("key %q: got code %v message %q", key, apiErr.Code, apiErr.Message)
		}
	}
	if _, err := client(t, s, "sk-wrong").CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{
		Model: openai.SmallEmbedding3, Input: []string{"x"},
	}); err == nil {
		t.Error("embeddings with a wrong key: got no error")
	}
	if got := s.ChatCount(); got != 0 {
		t.Errorf("got %d requests recorded, want 0: refused keys are not", got)
	}

	s.AllowAnyKey()
	for _, key := range []string{"sk-wrong", ""} {
		if _, err := client(t, s, key).CreateChatCompletion(t.Context(), req); err != nil {
			t.Errorf("key %q after AllowAnyKey: %v", key, err)
		}
	}
	if got := s.ChatRequests()[1].APIKey; got != "" {
		t.Errorf("got key %q recorded for a client without one", got)
	}
}

func TestDelay(t *testing.T) {
	s := openaitest.New(t)
	s.Delay(150 * time.Millisecond)
	c := client(t, s, s.Key())
	start := time.Now()
	if _, err := c.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")},
	}); err != nil {
		t.Fatalf("CreateChatCompletion: %v", err)
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("answered after %v, want at least the delay", elapsed)
	}
}

func TestDown(t *testing.T) {
	s := openaitest.New(t)
	c := client(t, s, s.Key())
	req := openai.ChatCompletionRequest{Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")}}
	if _, err := c.CreateChatCompletion(t.Context(), req); err != nil {
		t.Fatalf("before Down: %v", err)
	}

	s.Down(true)
	// A client with a transport of its own, so that no pooled connection is
	// tried first (go-openai's default shares http.DefaultTransport).
	cfg := openai.DefaultConfig(s.Key())
	cfg.BaseURL = s.URL()
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	cfg.HTTPClient = &http.Client{Transport: transport}
	_, err := openai.NewClientWithConfig(cfg).CreateChatCompletion(t.Context(), req)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("got %v while down, want connection refused", err)
	}
	// The old client's pooled connection was closed: it fails too, refused
	// or with EOF depending on whether its transport noticed the close.
	if _, err := c.CreateChatCompletion(t.Context(), req); err == nil {
		t.Error("got no error while down from a client with a pooled connection")
	}

	s.Down(false)
	if _, err := c.CreateChatCompletion(t.Context(), req); err != nil {
		t.Errorf("after Down(false): %v", err)
	}
}

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}

func TestEmbeddings(t *testing.T) {
	s := openaitest.New(t)
	c := client(t, s, s.Key())
	texts := []string{
		"Le cours de yoga du samedi matin",
		"cours de yoga le samedi",
		"Tarif de l'abonnement annuel",
	}

	resp, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{Model: openai.SmallEmbedding3, Input: texts})
	if err != nil {
		t.Fatalf("CreateEmbeddings: %v", err)
	}
	if len(resp.Data) != len(texts) || resp.Object != "list" || resp.Model != openai.SmallEmbedding3 {
		t.Fatalf("got %d vectors, object %q, model %q", len(resp.Data), resp.Object, resp.Model)
	}
	if resp.Usage.PromptTokens == 0 || resp.Usage.TotalTokens != resp.Usage.PromptTokens {
		t.Errorf("got usage %+v", resp.Usage)
	}
	for i, e := range resp.Data {
		if e.Index != i || e.Object != "embedding" || len(e.Embedding) != openaitest.DefaultEmbeddingDim {
			t.Errorf("vector %d: got index %d object %q length %d", i, e.Index, e.Object, len(e.Embedding))
		}
		if n := cosine(e.Embedding, e.Embedding); math.Abs(n-1) > 1e-5 {
			t.Errorf("vector %d is not normalised", i)
		}
		if diff := cmp.Diff(s.Embedding(string(openai.SmallEmbedding3), texts[i]), e.Embedding); diff != "" {
			t.Errorf("vector %d differs from Server.Embedding (-want +got):\n%s", i, diff)
		}
	}
	near, far := cosine(resp.Data[0].Embedding, resp.Data[1].Embedding), cosine(resp.Data[0].Embedding, resp.Data[2].Embedding)
	if near <= far {
		t.Errorf("got similarity %.2f for texts that share words, %.2f for unrelated ones", near, far)
	}

	// The same text gives the same vector, alone or in a batch, as a string
	// input or in base64.
	one, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequest{Model: openai.SmallEmbedding3, Input: texts[1]})
	if err != nil {
		t.Fatalf("CreateEmbeddings of a string: %v", err)
	}
	if diff := cmp.Diff(resp.Data[1].Embedding, one.Data[0].Embedding); diff != "" {
		t.Errorf("vector of the text alone (-batch +alone):\n%s", diff)
	}
	b64, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{
		Model: openai.SmallEmbedding3, Input: texts, EncodingFormat: openai.EmbeddingEncodingFormatBase64,
	})
	if err != nil {
		t.Fatalf("CreateEmbeddings in base64: %v", err)
	}
	if diff := cmp.Diff(resp.Data, b64.Data); diff != "" {
		t.Errorf("base64 vectors (-float +base64):\n%s", diff)
	}

	s.SetEmbeddingDim("nomic-embed-text", 16)
	other, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{Model: "nomic-embed-text", Input: texts[:1]})
	if err != nil {
		t.Fatalf("CreateEmbeddings with another model: %v", err)
	}
	if got := len(other.Data[0].Embedding); got != 16 {
		t.Errorf("got %d dimensions, want 16", got)
	}

	if diff := cmp.Diff([]int{3, 1, 3, 1}, s.EmbeddingBatches()); diff != "" {
		t.Errorf("batch sizes (-want +got):\n%s", diff)
	}
	if got := s.EmbeddingRequests()[2].EncodingFormat; got != "base64" {
		t.Errorf("got encoding format %q recorded, want base64", got)
	}
}

func TestEmbeddingsFailures(t *testing.T) {
	s := openaitest.New(t)
	c := client(t, s, s.Key())
	req := openai.EmbeddingRequestStrings{Model: openai.SmallEmbedding3, Input: []string{"a", "b"}}
	s.FailEmbeddingsNext(1, http.StatusTooManyRequests, time.Second)

	resp, err := c.CreateEmbeddings(t.Context(), req)
	apiErr, ok := errors.AsType[*openai.APIError](err)
	if !ok || apiErr.HTTPStatusCode != http.StatusTooManyRequests {
		t.Fatalf("got %v, want a 429 *openai.APIError", err)
	}
	if got := resp.Header().Get("Retry-After"); got != "1" {
		t.Errorf("got Retry-After %q on the response, want 1", got)
	}
	if _, err := c.CreateEmbeddings(t.Context(), req); err != nil {
		t.Fatalf("after the failure: %v", err)
	}
	// Chats are not failed by FailEmbeddingsNext, nor embeddings by FailNext.
	s.FailNext(1, 500, 0)
	if _, err := c.CreateEmbeddings(t.Context(), req); err != nil {
		t.Errorf("embeddings after FailNext: %v", err)
	}

	_, err = c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{Model: openai.SmallEmbedding3, Input: []string{"a", ""}})
	if apiErr, ok := errors.AsType[*openai.APIError](err); !ok || apiErr.HTTPStatusCode != http.StatusBadRequest {
		t.Errorf("got %v for an empty input, want a 400 *openai.APIError", err)
	}
	if diff := cmp.Diff([]int{2, 2, 2, 2}, s.EmbeddingBatches()); diff != "" {
		t.Errorf("batch sizes (-want +got):\n%s", diff)
	}
}

func TestListModels(t *testing.T) {
	s := openaitest.New(t)
	models, err := client(t, s, s.Key()).ListModels(t.Context())
	if err != nil {
		t.Fatalf("ListModels: %v", err)
	}
	var ids []string
	for _, m := range models.Models {
		ids = append(ids, m.ID)
	}
	if !strings.Contains(strings.Join(ids, " "), model) {
		t.Errorf("got models %v, want %s among them", ids, model)
	}
}

func TestConcurrentRequests(t *testing.T) {
	s := openaitest.New(t)
	c := client(t, s, s.Key())
	const n = 8
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := c.CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
				Model: model, Messages: []openai.ChatCompletionMessage{userMessage("Bonjour")},
			}); err != nil {
				t.Errorf("CreateChatCompletion: %v", err)
			}
			if _, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{
				Model: openai.SmallEmbedding3, Input: []string{"Bonjour"},
			}); err != nil {
				t.Errorf("CreateEmbeddings: %v", err)
			}
		})
	}
	wg.Wait()
	if s.ChatCount() != n || s.EmbeddingCount() != n {
		t.Errorf("got %d chats and %d embeddings recorded, want %d each", s.ChatCount(), s.EmbeddingCount(), n)
	}
}
